namespace JobPlatform.Hosting;

/// <summary>A project the AppHost can launch; generated as <c>Projects.&lt;Name&gt;</c> by build/ProjectResources.targets.</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The built assembly, launched with <c>dotnet</c>.</summary>
    string TargetPath { get; }
}
