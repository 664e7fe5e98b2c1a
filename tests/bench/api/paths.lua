-- wrk script: each request is a path picked at random from a file (one per
-- line), so a run spreads over many actors, words and filters.
--   wrk ... -s paths.lua URL -- PATHS_FILE
local paths = {}
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  -- different streams per thread, fixed across runs
  math.randomseed(1000 + (tid or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
