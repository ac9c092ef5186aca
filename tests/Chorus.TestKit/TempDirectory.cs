namespace Chorus.TestKit;

/// <summary>A fresh directory for one test's files, deleted afterwards.</summary>
/// <param name="prefix">The start of the directory's name, to tell whose files they are.</param>
/// <param name="beforeDelete">Runs before the directory is deleted, for example to release pooled file handles.</param>
public sealed class TempDirectory(string prefix = "chorus-test-", Action? beforeDelete = null) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        string path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        beforeDelete?.Invoke();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a child process may still be releasing a file, and a temp directory left behind is harmless.
        }
    }
}
