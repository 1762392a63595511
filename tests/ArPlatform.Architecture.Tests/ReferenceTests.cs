using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;

namespace ArPlatform.Architecture.Tests;

/// <summary>
/// What the projects may depend on, read from the project files (a reference is there even while no code uses it)
/// and from the built assemblies (what the code actually uses).
/// </summary>
public sealed class ReferenceTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot(), "src");

    [Fact]
    public void No_service_references_another_service_project()
    {
        // A service is a web project (the identity service, the gateway, the workbench and the five business services). The AppHost
        // starts them without referencing their assemblies.
        var services = Directory.EnumerateFiles(Src, "*.csproj", SearchOption.AllDirectories)
            .Where(p => XDocument.Load(p).Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web")
            .Select(Path.GetFullPath)
            .ToHashSet();
        Assert.True(services.Count >= 7, $"Found only {services.Count} service projects under {Src}.");

        var violations = services
            .SelectMany(service => ProjectClosure(service).Where(services.Contains).Select(other => $"{Name(service)} -> {Name(other)}"))
            .ToList();
        Assert.Empty(violations);

        var serviceAssemblies = services.Select(Name).ToHashSet();
        var usedViolations = serviceAssemblies
            .SelectMany(service => Assembly.Load(service).GetReferencedAssemblies()
                .Where(r => r.Name != service && serviceAssemblies.Contains(r.Name!))
                .Select(r => $"{service} uses {r.Name}"))
            .ToList();
        Assert.Empty(usedViolations);
    }

    /// <summary>
    /// The gateway (the hot path) and the workbench load no persistence or messaging, directly or through any project
    /// or package they reference: read from what the build resolved for them (their <c>*.deps.json</c>).
    /// </summary>
    [Theory]
    [InlineData("Gateway", "ArPlatform.Gateway")]
    [InlineData("Workbench", "ArPlatform.Workbench")]
    public void The_gateway_and_the_workbench_load_no_persistence_or_messaging(string folder, string project)
    {
        var forbidden = Closure(folder, project).Where(IsPersistenceOrMessaging).ToList();
        Assert.Empty(forbidden);
    }

    [Fact]
    public void The_closure_reader_sees_what_a_service_loads()
    {
        // Without this, a reader that found nothing would let the test above pass whatever the gateway loads.
        var invoices = Closure(Path.Combine("Services", "Invoices"), "ArPlatform.Invoices");
        Assert.Contains(invoices, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Contains(invoices, name => name.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Contains(invoices, name => name.StartsWith("MassTransit", StringComparison.Ordinal));
        Assert.Contains("ArPlatform.BuildingBlocks", invoices);
    }

    [Theory]
    [InlineData("Contracts", "ArPlatform.Contracts")]
    [InlineData("Core", "ArPlatform.BuildingBlocks.Core")]
    public void The_shared_kernels_reference_nothing_but_the_base_class_library(string folder, string assembly)
    {
        var project = Path.Combine(Src, "BuildingBlocks", folder, assembly + ".csproj");
        Assert.Empty(new[] { "PackageReference", "ProjectReference", "FrameworkReference", "Reference" }.SelectMany(kind => Items(project, kind)));

        // The base class library is what the runtime itself ships (Microsoft.NETCore.App), beside System.Private.CoreLib.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var foreign = Assembly.Load(assembly).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(name => !File.Exists(Path.Combine(runtime, name + ".dll")));
        Assert.Empty(foreign);
    }

    [Fact]
    public void The_service_defaults_reference_only_the_base_class_library_kernel()
    {
        var project = Path.Combine(Src, "ServiceDefaults", "ArPlatform.ServiceDefaults.csproj");
        Assert.Equal(["ArPlatform.BuildingBlocks.Core"], ProjectClosure(project).Select(Name));
    }

    private static bool IsPersistenceOrMessaging(string name) =>
        name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("MassTransit", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Every library (package or project) in the built closure of a web project, from its <c>*.deps.json</c> in the
    /// same configuration as this test's build.
    /// </summary>
    private static List<string> Closure(string folder, string project)
    {
        // This test runs from tests/<project>/bin/<configuration>/<framework>/.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var depsFile = Path.Combine(Src, folder, "bin", configuration, framework.Name, project + ".deps.json");
        Assert.True(File.Exists(depsFile), $"{depsFile} is missing: build the solution in {configuration} first.");
        using var deps = JsonDocument.Parse(File.ReadAllText(depsFile));
        return [.. deps.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name.Split('/')[0])];
    }

    private static IEnumerable<string> Items(string project, string kind) =>
        XDocument.Load(project).Descendants(kind).Select(e => e.Attribute("Include")?.Value ?? e.Attribute("Update")?.Value ?? "").ToList();

    /// <summary>The projects <paramref name="project"/> references, directly or through others.</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            foreach (var reference in Items(current, "ProjectReference"))
            {
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, reference.Replace('\\', '/')));
                if (seen.Add(path))
                {
                    pending.Push(path);
                }
            }
        }

        return seen;
    }

    private static string Name(string project) => Path.GetFileNameWithoutExtension(project);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ArPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ArPlatform.sln above {AppContext.BaseDirectory}.");
    }
}
