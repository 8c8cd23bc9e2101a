using Microblog.Hosting;

return await CommandLine.RunAsync(args);
