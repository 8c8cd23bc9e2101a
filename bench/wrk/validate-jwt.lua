-- POSTs the token in TOKEN as the raw body, the way faas-cli invoke sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
wrk.body = os.getenv("TOKEN")
