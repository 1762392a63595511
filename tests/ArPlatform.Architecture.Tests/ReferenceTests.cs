using System.Reflection;
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

    [Fact]
    public void The_gateway_references_no_entity_framework()
    {
        var project = Path.Combine(Src, "Gateway", "ArPlatform.Gateway.csproj");
        Assert.DoesNotContain(Items(project, "PackageReference"), IsEntityFramework);
        Assert.DoesNotContain(Assembly.Load("ArPlatform.Gateway").GetReferencedAssemblies().Select(r => r.Name!), IsEntityFramework);
    }

    [Fact]
    public void The_contracts_reference_nothing_but_the_base_class_library()
    {
        var project = Path.Combine(Src, "BuildingBlocks", "Contracts", "ArPlatform.Contracts.csproj");
        Assert.Empty(new[] { "PackageReference", "ProjectReference", "FrameworkReference", "Reference" }.SelectMany(kind => Items(project, kind)));

        // The base class library is what the runtime itself ships (Microsoft.NETCore.App), beside System.Private.CoreLib.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var foreign = Assembly.Load("ArPlatform.Contracts").GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(name => !File.Exists(Path.Combine(runtime, name + ".dll")));
        Assert.Empty(foreign);
    }

    private static bool IsEntityFramework(string name) =>
        name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Npgsql.EntityFrameworkCore", StringComparison.OrdinalIgnoreCase);

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
