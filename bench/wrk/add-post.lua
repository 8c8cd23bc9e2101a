-- POSTs a new post with the token in TOKEN as a bearer header.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = '{"body": "A post written by the load generator, of about the usual length."}'
