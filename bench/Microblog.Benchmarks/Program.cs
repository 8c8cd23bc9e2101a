using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Microblog.Benchmarks.TokenBenchmarks).Assembly).Run(args);
