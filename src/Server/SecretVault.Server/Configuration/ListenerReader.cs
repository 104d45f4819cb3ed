using System.Net;
using SecretVault.Server.Http;
using YamlDotNet.RepresentationModel;
using static SecretVault.Server.Configuration.ConfigNodes;

namespace SecretVault.Server.Configuration;

/// <summary>
/// Reads the <c>listener</c> key: one <c>tcp</c> mapping, or a list of them (Vault's several <c>listener "tcp"</c>
/// blocks). Keys Vault accepts that change nothing here yet are reported, to be named in the start-up warning.
/// </summary>
public static class ListenerReader
{
    /// <summary>Keys that are read and checked but have no effect yet.</summary>
    public static readonly IReadOnlyList<string> WithoutEffect =
        ["cluster_address"];

    private static readonly string[] ForwardedForKeys =
        ["x_forwarded_for_authorized_addrs", "x_forwarded_for_hop_skips", "x_forwarded_for_reject_not_authorized", "x_forwarded_for_reject_not_present"];

    // Request limits are one setting for the whole server, taken from the first listener.
    private static readonly string[] FirstListenerOnly =
        ["max_request_size", "max_json_depth", "max_json_string_value_length", "max_json_object_entry_count", "max_json_array_element_count"];

    private static readonly string[] Keys =
        [
            "address", "tls_disable", "tls_cert_file", "tls_key_file", "tls_min_version", "tls_client_ca_file", "tls_require_and_verify_client_cert",
            "disable_unauthed_generate_root_endpoints", "disable_unauthed_rekey_endpoints", .. FirstListenerOnly, .. WithoutEffect, .. ForwardedForKeys,
        ];

    /// <summary>Reads every listener; <paramref name="withoutEffect"/> collects the keys set that have no effect.</summary>
    public static IReadOnlyList<ListenerConfig> Read(YamlNode node, ICollection<string> withoutEffect)
    {
        List<(string Prefix, YamlMappingNode Block)> blocks = node switch
        {
            YamlMappingNode one => [("listener.", one)],
            YamlSequenceNode many when many.Children.Count > 0 => many.Children.Select((item, i) => ($"listener[{i}].", item as YamlMappingNode ?? throw new ConfigException($"\"listener[{i}]\" must be a mapping"))).ToList(),
            _ => throw new ConfigException("\"listener\" must be a mapping, or a list of them"),
        };
        var listeners = new List<ListenerConfig>();
        foreach (var (prefix, block) in blocks)
        {
            CheckKeys(block, ["tcp"], prefix);
            var tcp = Mapping(block, "tcp", prefix) ?? throw new ConfigException($"missing required key \"{prefix}tcp\"");
            listeners.Add(ReadTcp(tcp, prefix + "tcp.", listeners.Count == 0, withoutEffect));
        }

        // One request pipeline serves every listener, so these must agree rather than silently apply to all.
        if (listeners.Select(l => (l.DisableUnauthedGenerateRootEndpoints, l.DisableUnauthedRekeyEndpoints)).Distinct().Count() > 1)
        {
            throw new ConfigException("\"disable_unauthed_generate_root_endpoints\" and \"disable_unauthed_rekey_endpoints\" must be the same on every listener");
        }

        return listeners;
    }

    private static ListenerConfig ReadTcp(YamlMappingNode tcp, string prefix, bool first, ICollection<string> withoutEffect)
    {
        CheckKeys(tcp, Keys, prefix);
        foreach (var key in first ? WithoutEffect : WithoutEffect.Concat(FirstListenerOnly))
        {
            if (tcp.Children.ContainsKey(new YamlScalarNode(key)))
            {
                withoutEffect.Add(prefix + key);
            }
        }

        Scalar(tcp, "cluster_address", prefix);
        var tlsDisable = Bool(tcp, "tls_disable", prefix) ?? false;
        var certFile = Scalar(tcp, "tls_cert_file", prefix);
        var keyFile = Scalar(tcp, "tls_key_file", prefix);
        if (!tlsDisable && (certFile is null || keyFile is null))
        {
            throw new ConfigException($"\"{prefix}tls_cert_file\" and \"{prefix}tls_key_file\" are required unless \"{prefix}tls_disable\" is true");
        }

        var minVersion = Scalar(tcp, "tls_min_version", prefix) ?? "tls12";
        if (minVersion is not ("tls12" or "tls13"))
        {
            throw new ConfigException($"invalid value for \"{prefix}tls_min_version\": expected tls12 or tls13");
        }

        var requireClientCert = Bool(tcp, "tls_require_and_verify_client_cert", prefix) ?? false;
        if (tlsDisable && requireClientCert)
        {
            throw new ConfigException($"\"{prefix}tls_require_and_verify_client_cert\" needs TLS, but \"{prefix}tls_disable\" is true");
        }

        var defaults = new JsonLimits();
        return new ListenerConfig
        {
            Address = ListenAddressParser.Parse(Scalar(tcp, "address", prefix) ?? "127.0.0.1:8200", prefix + "address"),
            TlsDisable = tlsDisable,
            TlsCertFile = certFile,
            TlsKeyFile = keyFile,
            TlsMinVersion = minVersion,
            TlsClientCaFile = Scalar(tcp, "tls_client_ca_file", prefix),
            TlsRequireAndVerifyClientCert = requireClientCert,
            MaxRequestSize = Number(tcp, "max_request_size", prefix) ?? 32 * 1024 * 1024,
            JsonLimits = new JsonLimits
            {
                MaxDepth = Int(tcp, "max_json_depth", prefix) ?? defaults.MaxDepth,
                MaxStringValueLength = Int(tcp, "max_json_string_value_length", prefix) ?? defaults.MaxStringValueLength,
                MaxObjectEntryCount = Int(tcp, "max_json_object_entry_count", prefix) ?? defaults.MaxObjectEntryCount,
                MaxArrayElementCount = Int(tcp, "max_json_array_element_count", prefix) ?? defaults.MaxArrayElementCount,
            },
            ForwardedFor = ReadForwardedFor(tcp, prefix),
            DisableUnauthedGenerateRootEndpoints = Bool(tcp, "disable_unauthed_generate_root_endpoints", prefix) ?? true,
            DisableUnauthedRekeyEndpoints = Bool(tcp, "disable_unauthed_rekey_endpoints", prefix) ?? true,
            Raw = Raw(tcp),
        };
    }

    private static int? Int(YamlMappingNode tcp, string key, string prefix) =>
        Number(tcp, key, prefix) is { } value
            ? value <= int.MaxValue ? (int)value : throw new ConfigException($"invalid value for \"{prefix}{key}\": too large")
            : null;

    // As Vault: the other x_forwarded_for_* keys only act when authorized addresses are set.
    private static ForwardedForConfig? ReadForwardedFor(YamlMappingNode tcp, string prefix)
    {
        var networks = new List<IPNetwork>();
        foreach (var cidr in List(tcp, "x_forwarded_for_authorized_addrs", prefix) ?? [])
        {
            if (IPNetwork.TryParse(cidr, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(cidr, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                throw new ConfigException($"invalid value for \"{prefix}x_forwarded_for_authorized_addrs\": \"{cidr}\" is not an IP address or CIDR block");
            }
        }

        var hopSkips = Number(tcp, "x_forwarded_for_hop_skips", prefix, minimum: 0) ?? 0;
        var rejectNotAuthorized = Bool(tcp, "x_forwarded_for_reject_not_authorized", prefix) ?? true;
        var rejectNotPresent = Bool(tcp, "x_forwarded_for_reject_not_present", prefix) ?? true;
        return networks.Count == 0
            ? null
            : new ForwardedForConfig
            {
                AuthorizedAddrs = networks,
                HopSkips = hopSkips <= int.MaxValue ? (int)hopSkips : int.MaxValue,
                RejectNotAuthorized = rejectNotAuthorized,
                RejectNotPresent = rejectNotPresent,
            };
    }
}
