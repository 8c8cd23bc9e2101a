using Microblog.Benchmarks;

// "seed" and "ceiling" support the load harness in bench/run.sh; anything else runs
// BenchmarkDotNet with the given arguments.
return args.FirstOrDefault() switch
{
    "seed" => await Seeder.RunAsync(args[1..]),
    "ceiling" => await CeilingServer.RunAsync(args[1..]),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(TokenBenchmarks).Assembly).Run(args);
    return 0;
}
