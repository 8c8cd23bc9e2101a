namespace Microblog.Tests.Security;

/// <summary>Tests that measure time, run without other tests competing for the CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingTestGroup
{
    public const string Name = "Timing";
}
