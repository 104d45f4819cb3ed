using SecretVault.CrashHost;

// A small host for the crash test: writes through the real barrier to the real file backend and
// acknowledges each put on stdout, or verifies what a killed writer left behind.
return args switch
{
    ["write", var dir, var key, var start] => await AckingWriter.WriteForeverAsync(dir, Convert.FromHexString(key), long.Parse(start, System.Globalization.CultureInfo.InvariantCulture)),
    ["verify", var dir, var key] => await StreamVerifier.VerifyAsync(dir, Convert.FromHexString(key)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SecretVault.CrashHost write <dir> <rootKeyHex> <startIndex> | verify <dir> <rootKeyHex>");
    return 2;
}
