using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Microblog.Tests.Infrastructure.MicroblogTestFramework", "Microblog.Tests")]

namespace Microblog.Tests.Infrastructure;

/// <summary>
/// The xunit framework with one addition: the tests of a class marked
/// <see cref="RequiresMariaDbAttribute"/> are discovered as skipped, with the reason, when no
/// MariaDB server is configured. xunit 2 has no other way to skip tests that a class inherits
/// from a base class run against both stores.
/// </summary>
public sealed class MicroblogTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(
        IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod,
            bool includeSourceInformation,
            IMessageBus messageBus,
            ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needsMariaDb = testMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresMariaDbAttribute)).Any();
            var isTest = testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any();
            if (!needsMariaDb || !isTest || MariaDb.ConnectionString is not null)
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                MariaDb.SkipReason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
