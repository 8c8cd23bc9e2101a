[assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Microblog.Tests")]
