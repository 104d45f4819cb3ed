using System.Globalization;

namespace SecretVault.Core.System;

/// <summary>Reads host facts from a /proc tree into gopsutil's field names (what Vault's sys/host-info returns).</summary>
public sealed class ProcHostInfo
{
    private const double ClockTicks = 100; // USER_HZ on Linux, which /proc/stat counts in.

    private readonly string _proc;

    /// <param name="proc">The /proc folder (a copy in tests).</param>
    public ProcHostInfo(string proc)
    {
        _proc = proc;
    }

    /// <summary>One entry per logical CPU, from /proc/cpuinfo.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Cpus()
    {
        var cpus = new List<Dictionary<string, object?>>();
        foreach (var block in Read("cpuinfo").Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = block.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2).GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.Ordinal);
            if (!fields.TryGetValue("processor", out var processor))
            {
                continue;
            }

            cpus.Add(new Dictionary<string, object?>
            {
                ["cpu"] = Int(processor),
                ["vendorId"] = fields.GetValueOrDefault("vendor_id", ""),
                ["family"] = fields.GetValueOrDefault("cpu family", ""),
                ["model"] = fields.GetValueOrDefault("model", ""),
                ["stepping"] = Int(fields.GetValueOrDefault("stepping", "0")),
                ["physicalId"] = fields.GetValueOrDefault("physical id", ""),
                ["coreId"] = fields.GetValueOrDefault("core id", ""),
                ["cores"] = 1,
                ["modelName"] = fields.GetValueOrDefault("model name", ""),
                ["mhz"] = Double(fields.GetValueOrDefault("cpu MHz", "0")),
                ["cacheSize"] = Int(fields.GetValueOrDefault("cache size", "0").Split(' ')[0]),
                ["flags"] = fields.GetValueOrDefault("flags", "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
                ["microcode"] = fields.GetValueOrDefault("microcode", ""),
            });
        }

        return cpus;
    }

    /// <summary>Seconds each CPU spent in each state, from the <c>cpuN</c> lines of /proc/stat.</summary>
    public IReadOnlyList<Dictionary<string, object?>> CpuTimes()
    {
        string[] names = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guestNice"];
        var times = new List<Dictionary<string, object?>>();
        foreach (var line in Read("stat").Split('\n'))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 5 || !parts[0].StartsWith("cpu", StringComparison.Ordinal) || parts[0] == "cpu")
            {
                continue;
            }

            var entry = new Dictionary<string, object?> { ["cpu"] = parts[0] };
            for (var i = 0; i < names.Length; i++)
            {
                entry[names[i]] = i + 1 < parts.Length ? Double(parts[i + 1]) / ClockTicks : 0.0;
            }

            times.Add(entry);
        }

        return times;
    }

    /// <summary>Memory in bytes, from /proc/meminfo.</summary>
    public Dictionary<string, object?> Memory()
    {
        var kb = Read("meminfo").Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => (ulong)Double(p[1].Trim().Split(' ')[0]) * 1024, StringComparer.Ordinal);
        ulong Kb(string name) => kb.GetValueOrDefault(name);
        var total = Kb("MemTotal");
        var available = Kb("MemAvailable");
        var used = total - available;
        return new Dictionary<string, object?>
        {
            ["total"] = total,
            ["available"] = available,
            ["used"] = used,
            ["usedPercent"] = total == 0 ? 0.0 : 100.0 * used / total,
            ["free"] = Kb("MemFree"),
            ["active"] = Kb("Active"),
            ["inactive"] = Kb("Inactive"),
            ["buffers"] = Kb("Buffers"),
            ["cached"] = Kb("Cached"),
            ["shared"] = Kb("Shmem"),
            ["slab"] = Kb("Slab"),
            ["swapTotal"] = Kb("SwapTotal"),
            ["swapFree"] = Kb("SwapFree"),
            ["swapCached"] = Kb("SwapCached"),
        };
    }

    /// <summary>The host's identity and uptime.</summary>
    public Dictionary<string, object?> Host()
    {
        var uptime = Double(Read("uptime").Split(' ')[0]);
        var bootLine = Read("stat").Split('\n').FirstOrDefault(l => l.StartsWith("btime ", StringComparison.Ordinal));
        var release = OsRelease();
        return new Dictionary<string, object?>
        {
            ["hostname"] = Environment.MachineName,
            ["uptime"] = (ulong)uptime,
            ["bootTime"] = bootLine is null ? 0UL : ulong.Parse(bootLine[6..].Trim(), CultureInfo.InvariantCulture),
            ["procs"] = (ulong)Directory.EnumerateDirectories(_proc).Count(d => Path.GetFileName(d).All(char.IsAsciiDigit)),
            ["os"] = "linux",
            ["platform"] = release.GetValueOrDefault("ID", ""),
            ["platformFamily"] = release.GetValueOrDefault("ID_LIKE", release.GetValueOrDefault("ID", "")).Split(' ')[0],
            ["platformVersion"] = release.GetValueOrDefault("VERSION_ID", ""),
            ["kernelVersion"] = Read("sys/kernel/osrelease").Trim(),
            ["kernelArch"] = global::System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
            {
                global::System.Runtime.InteropServices.Architecture.X64 => "x86_64",
                global::System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
                var other => other.ToString().ToLowerInvariant(),
            },
            ["virtualizationSystem"] = "",
            ["virtualizationRole"] = "",
            ["hostid"] = Read("sys/kernel/random/boot_id").Trim(),
        };
    }

    /// <summary>Usage of the file system that holds <paramref name="path"/>.</summary>
    public static Dictionary<string, object?> Disk(string path)
    {
        var drive = new DriveInfo(path);
        var total = (ulong)drive.TotalSize;
        var free = (ulong)drive.AvailableFreeSpace;
        var used = total - (ulong)drive.TotalFreeSpace;
        return new Dictionary<string, object?>
        {
            ["path"] = path,
            ["fstype"] = drive.DriveFormat,
            ["total"] = total,
            ["free"] = free,
            ["used"] = used,
            ["usedPercent"] = used + free == 0 ? 0.0 : 100.0 * used / (used + free),
        };
    }

    private Dictionary<string, string> OsRelease()
    {
        var file = File.Exists("/etc/os-release") ? "/etc/os-release" : "/usr/lib/os-release";
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1].Trim('"'), StringComparer.Ordinal)
            : [];
    }

    private string Read(string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(_proc, name));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static int Int(string text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static double Double(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
