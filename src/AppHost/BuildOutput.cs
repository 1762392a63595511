using System.Reflection;

namespace ArPlatform.AppHost;

internal static class BuildOutput
{
    private static readonly string Configuration =
        typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// In run mode a project starts from the program its build wrote (built with the AppHost, in the AppHost's
    /// configuration) instead of through <c>dotnet run</c>, which would evaluate the project again on every start and
    /// keep a second process of about 70 MB per replica. The manifest still describes it as a project.
    /// </summary>
    public static IResourceBuilder<ProjectResource> RunFromBuildOutput(this IResourceBuilder<ProjectResource> project, IProjectMetadata metadata)
    {
        if (!project.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            return project;
        }

        var directory = Path.Combine(Path.GetDirectoryName(metadata.ProjectPath)!, "bin", Configuration, "net10.0");
        var program = Path.Combine(directory, Path.GetFileNameWithoutExtension(metadata.ProjectPath));
        if (!File.Exists(program))
        {
            throw new InvalidOperationException($"{program} does not exist: build the AppHost first (dotnet build src/AppHost -c {Configuration}), which builds every service.");
        }

        return project.WithAnnotation(new ExecutableAnnotation { Command = program, WorkingDirectory = directory }, ResourceAnnotationMutationBehavior.Replace);
    }
}
