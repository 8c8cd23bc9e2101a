[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Browser.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Benchmarks")]
