-- POSTs the credentials of a seeded user.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username": "bench_user_0", "password": "benchmark password"}'
