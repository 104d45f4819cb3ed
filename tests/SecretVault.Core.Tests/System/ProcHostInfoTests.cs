using SecretVault.Core.System;

namespace SecretVault.Core.Tests.System;

/// <summary>sys/host-info's reading of /proc, on a /proc tree written here.</summary>
public sealed class ProcHostInfoTests : IDisposable
{
    private readonly DirectoryInfo _proc = Directory.CreateTempSubdirectory("sv-proc-");

    public ProcHostInfoTests()
    {
        File.WriteAllText(Path.Combine(_proc.FullName, "cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\nmodel name\t: Xeon\nstepping\t: 7\ncpu MHz\t\t: 2500.000\ncache size\t: 36608 KB\nphysical id\t: 0\ncore id\t\t: 0\nflags\t\t: fpu vme\nmicrocode\t: 0x1\n\nprocessor\t: 1\nvendor_id\t: GenuineIntel\nmodel name\t: Xeon\n\n");
        File.WriteAllText(Path.Combine(_proc.FullName, "stat"), "cpu  300 0 100 1000 0 0 0 0 0 0\ncpu0 150 0 50 500 10 0 0 0 0 0\ncpu1 150 0 50 500 0 0 0 0 0 0\nbtime 1700000000\n");
        File.WriteAllText(Path.Combine(_proc.FullName, "meminfo"), "MemTotal:       1000 kB\nMemFree:         200 kB\nMemAvailable:    400 kB\nSwapTotal:         0 kB\n");
        File.WriteAllText(Path.Combine(_proc.FullName, "uptime"), "1234.56 99.00\n");
        Directory.CreateDirectory(Path.Combine(_proc.FullName, "1"));
        Directory.CreateDirectory(Path.Combine(_proc.FullName, "42"));
        Directory.CreateDirectory(Path.Combine(_proc.FullName, "sys"));
    }

    public void Dispose() => _proc.Delete(recursive: true);

    [Fact]
    public void Cpus_OnePerProcessor_WithGopsutilNames()
    {
        var cpus = new ProcHostInfo(_proc.FullName).Cpus();
        Assert.Equal(2, cpus.Count);
        Assert.Equal(0, cpus[0]["cpu"]);
        Assert.Equal("GenuineIntel", cpus[0]["vendorId"]);
        Assert.Equal("6", cpus[0]["family"]);
        Assert.Equal(2500.0, cpus[0]["mhz"]);
        Assert.Equal(36608, cpus[0]["cacheSize"]);
        Assert.Equal(new[] { "fpu", "vme" }, cpus[0]["flags"]);
    }

    [Fact]
    public void CpuTimes_PerCpuInSeconds_WithoutTheTotalLine()
    {
        var times = new ProcHostInfo(_proc.FullName).CpuTimes();
        Assert.Equal(["cpu0", "cpu1"], times.Select(t => (string)t["cpu"]!));
        Assert.Equal(1.5, times[0]["user"]);
        Assert.Equal(5.0, times[0]["idle"]);
        Assert.Equal(0.1, times[0]["iowait"]);
    }

    [Fact]
    public void Memory_InBytes_UsedIsTotalLessAvailable()
    {
        var memory = new ProcHostInfo(_proc.FullName).Memory();
        Assert.Equal(1024000UL, memory["total"]);
        Assert.Equal(409600UL, memory["available"]);
        Assert.Equal(614400UL, memory["used"]);
        Assert.Equal(60.0, (double)memory["usedPercent"]!, 6);
    }

    [Fact]
    public void Host_UptimeBootTimeAndProcessCount()
    {
        var host = new ProcHostInfo(_proc.FullName).Host();
        Assert.Equal(1234UL, host["uptime"]);
        Assert.Equal(1700000000UL, host["bootTime"]);
        Assert.Equal(2UL, host["procs"]);
        Assert.Equal("linux", host["os"]);
    }
}
