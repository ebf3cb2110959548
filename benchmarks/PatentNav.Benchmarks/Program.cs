using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(PatentNav.Benchmarks.QueryPathBenchmarks).Assembly).Run(args);
