using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace ArPlatform.Testing;

/// <summary>
/// xunit's own test framework, plus: when a test assembly's last test has run, the <see cref="SharedServers"/> its
/// test classes used are stopped (xunit 2 has no assembly fixture). A test project whose classes use
/// <see cref="InfrastructureFixture"/> names it with
/// <c>[assembly: TestFramework(SharedServersTestFramework.TypeName, SharedServersTestFramework.AssemblyName)]</c>.
/// </summary>
public sealed class SharedServersTestFramework : XunitTestFramework
{
    public const string TypeName = "ArPlatform.Testing.SharedServersTestFramework";
    public const string AssemblyName = "ArPlatform.Testing";

    public SharedServersTestFramework(IMessageSink messageSink)
        : base(messageSink) => InUse = true;

    /// <summary>Whether this process runs its tests with this framework, which stops the shared servers at the end.</summary>
    internal static bool InUse { get; private set; }

    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformationProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformationProvider, diagnosticMessageSink)
    {
        // async void as in the method it overrides: the runner reports its end through the message sink.
        protected override async void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new AssemblyRunner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class AssemblyRunner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            try
            {
                await SharedServers.StopAsync();
            }
            catch (Exception e)
            {
                // Reported, not thrown: every test has its result already; DCP removes what is left when the process ends.
                DiagnosticMessageSink.OnMessage(new DiagnosticMessage($"Stopping the shared test servers failed: {e}"));
            }

            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
