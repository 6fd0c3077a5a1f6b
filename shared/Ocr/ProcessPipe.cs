using System.ComponentModel;
using System.Diagnostics;

namespace Marketplace.Shared.Ocr;

/// <summary>Runs a command with bytes on stdin and returns its stdout; a missing command is <see cref="OcrUnavailableException"/>.</summary>
internal static class ProcessPipe
{
    public static async Task<byte[]> RunAsync(string command, IEnumerable<string> arguments, ReadOnlyMemory<byte> input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // One thread each: two cores are shared by everything else on a small host.
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        start.Environment["MAGICK_THREAD_LIMIT"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new OcrUnavailableException($"'{command}' did not start.");
        }
        catch (Win32Exception ex)
        {
            throw new OcrUnavailableException($"'{command}' is not installed.", ex);
        }

        using (process)
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            limit.CancelAfter(timeout);
            try
            {
                using var output = new MemoryStream();
                var copy = process.StandardOutput.BaseStream.CopyToAsync(output, limit.Token);
                var error = process.StandardError.ReadToEndAsync(limit.Token);
                try
                {
                    await process.StandardInput.BaseStream.WriteAsync(input, limit.Token);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The command closed stdin early (it rejected the input): its exit code and stderr say why.
                }

                await Task.WhenAll(copy, process.WaitForExitAsync(limit.Token));
                if (process.ExitCode != 0)
                {
                    var message = (await error).Trim();
                    throw message.Contains("Failed loading language", StringComparison.OrdinalIgnoreCase)
                        ? new OcrUnavailableException($"'{command}' is missing its language data: {message}")
                        : new OcrFailedException($"'{command}' exited with {process.ExitCode}: {message}");
                }

                return output.ToArray();
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new OcrFailedException($"'{command}' took longer than {timeout.TotalSeconds:F0} s.");
            }
        }
    }
}
