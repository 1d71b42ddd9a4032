using System.Diagnostics;
using System.Runtime.InteropServices;
using JobPlatform.Hosting.ApplicationModel;

namespace JobPlatform.Hosting.Orchestration;

/// <summary>Builds and runs the command lines of resources.</summary>
internal static partial class CommandRunner
{
    /// <summary>
    /// The start info of a spec. <c>setsid</c> puts the child in its own session so a terminal's Ctrl+C reaches only the
    /// AppHost, which then stops resources in reverse order; <c>setpriv</c> drops root for servers with their own user.
    /// Both exec in place, so the process id is the server's own.
    /// </summary>
    public static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (spec.RunAsUser is { } user)
        {
            info.ArgumentList.Add("setpriv");
            info.ArgumentList.Add($"--reuid={user}");
            info.ArgumentList.Add($"--regid={user}");
            info.ArgumentList.Add("--init-groups");
            info.ArgumentList.Add("--");
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in spec.Environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    public static Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(new ProcessSpec(fileName, arguments, Environment.CurrentDirectory, new Dictionary<string, string>()), cancellationToken);

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(spec))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new DistributedApplicationException(
                $"{spec.FileName} {string.Join(' ', spec.Arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }

    public static void Signal(int processId, StopSignal signal) => _ = kill(processId, (int)signal);

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
