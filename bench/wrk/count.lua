-- Stops each thread after REQUESTS responses, for memory readings after a fixed count.
local limit = tonumber(os.getenv("REQUESTS") or "10000")
local count = 0
function response()
  count = count + 1
  if count >= limit then
    wrk.thread:stop()
  end
end
