[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Tests")]
[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Browser.Tests")]
