namespace SecretVault.Storage.PostgreSql;

/// <summary>
/// Vault's row layout for a key: <c>a/b/c</c> is parent_path <c>/a/</c>, path <c>/a/b/</c>, key <c>c</c>;
/// a top-level key has parent_path '' and path '/'. An operator who knows Vault's table reads ours the same way.
/// </summary>
internal static class PostgreSqlKeys
{
    public static (string ParentPath, string Path, string Key) Split(string fullKey)
    {
        var slash = fullKey.LastIndexOf('/');
        if (slash < 0)
        {
            return ("", "/", fullKey);
        }

        var path = "/" + fullKey[..(slash + 1)];
        var parentSlash = path.LastIndexOf('/', path.Length - 2);
        return (path[..(parentSlash + 1)], path, fullKey[(slash + 1)..]);
    }

    /// <summary>The path column for a list prefix ('' or ending in '/').</summary>
    public static string PathOf(string prefix) => "/" + prefix;

    /// <summary>
    /// The smallest string after every string that starts with <paramref name="path"/> (which ends in '/'),
    /// in the "C" collation: '/' + 1 is '0'. A range on the parent_path index, unlike LIKE with a parameter
    /// (Vault's query, a sequential scan), stays an index scan in a prepared statement.
    /// </summary>
    public static string UpperBound(string path) => path[..^1] + "0";
}
