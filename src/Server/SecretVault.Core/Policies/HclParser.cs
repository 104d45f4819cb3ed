namespace SecretVault.Core.Policies;

/// <summary>
/// Parses HCL tokens into a <see cref="PolicyNode"/> tree: attributes, labelled blocks, lists and objects.
/// The parser recurses, so nesting is bounded (<see cref="MaxDepth"/>) and checked before each descent: a
/// policy of a million brackets is a parse error, not a stack overflow that ends the process.
/// </summary>
public sealed class HclParser
{
    /// <summary>The deepest nesting of blocks, labels, lists and objects; the JSON form has the same limit.</summary>
    public const int MaxDepth = 64;

    private readonly HclLexer _lexer;
    private HclToken _current;
    private int _depth;

    private HclParser(HclLexer lexer)
    {
        _lexer = lexer;
        _current = lexer.Next();
    }

    /// <summary>Parses HCL text (a policy or a server configuration file); throws <see cref="PolicyParseException"/>.</summary>
    public static PolicyNode Parse(string text) => new HclParser(new HclLexer(text)).Body(1, 1, closing: null);

    private HclToken Current => _current;

    private void Advance() => _current = _lexer.Next();

    private PolicyNode Body(int line, int column, string? closing)
    {
        var members = new List<(string, PolicyNode)>();
        while (true)
        {
            var token = Current;
            if (token.Kind == HclTokenKind.End)
            {
                if (closing is not null)
                {
                    throw new PolicyParseException($"expected '{closing}' before the end of the policy", token.Line, token.Column);
                }

                return new PolicyNode(PolicyNodeKind.Object, line, column) { Members = members };
            }

            if (token.Kind == HclTokenKind.Punctuation && token.Text == closing)
            {
                Advance();
                return new PolicyNode(PolicyNodeKind.Object, line, column) { Members = members };
            }

            if (token.Kind is not (HclTokenKind.Identifier or HclTokenKind.String))
            {
                throw new PolicyParseException($"expected a key, found {Describe(token)}", token.Line, token.Column);
            }

            Advance();
            members.Add((token.Text, Nested(token, () => Member(token))));
            if (Current.Kind == HclTokenKind.Punctuation && Current.Text == ",")
            {
                Advance();
            }
        }
    }

    private PolicyNode Member(HclToken key)
    {
        var next = Current;
        if (next.Kind == HclTokenKind.Punctuation && next.Text is "=" or ":")
        {
            Advance();
            return Value();
        }

        if (next.Kind == HclTokenKind.String)
        {
            Advance();
            var labelled = Nested(next, () => Member(next));
            return new PolicyNode(PolicyNodeKind.Object, next.Line, next.Column) { Members = [(next.Text, labelled)] };
        }

        if (next.Kind == HclTokenKind.Punctuation && next.Text == "{")
        {
            Advance();
            return Body(next.Line, next.Column, "}");
        }

        throw new PolicyParseException($"expected '=' or a block after a key, found {Describe(next)}", next.Line, next.Column);
    }

    private PolicyNode Value()
    {
        var token = Current;
        Advance();
        switch (token.Kind)
        {
            case HclTokenKind.String or HclTokenKind.Identifier:
                return new PolicyNode(PolicyNodeKind.Scalar, token.Line, token.Column) { Text = token.Text };
            case HclTokenKind.Punctuation when token.Text == "[":
                var items = new List<PolicyNode>();
                while (!(Current.Kind == HclTokenKind.Punctuation && Current.Text == "]"))
                {
                    if (Current.Kind == HclTokenKind.End)
                    {
                        throw new PolicyParseException("expected ']'", Current.Line, Current.Column);
                    }

                    items.Add(Nested(token, Value));
                    if (Current.Kind == HclTokenKind.Punctuation && Current.Text == ",")
                    {
                        Advance();
                    }
                    else if (!(Current.Kind == HclTokenKind.Punctuation && Current.Text == "]"))
                    {
                        throw new PolicyParseException($"expected ',' or ']', found {Describe(Current)}", Current.Line, Current.Column);
                    }
                }

                Advance();
                return new PolicyNode(PolicyNodeKind.List, token.Line, token.Column) { Items = items };
            case HclTokenKind.Punctuation when token.Text == "{":
                return Body(token.Line, token.Column, "}");
            default:
                throw new PolicyParseException(token.Kind == HclTokenKind.End ? "expected a value before the end of the policy" : $"expected a value, found {Describe(token)}", token.Line, token.Column);
        }
    }

    // Every recursive descent goes through here, so the depth check cannot be missed by a new branch.
    private PolicyNode Nested(HclToken at, Func<PolicyNode> descend)
    {
        if (++_depth > MaxDepth)
        {
            throw new PolicyParseException($"the policy is nested more than {MaxDepth} levels deep", at.Line, at.Column);
        }

        var node = descend();
        _depth--;
        return node;
    }

    // A policy's names and strings may carry anything a caller pasted, a secret included: an error names the kind
    // of token and its place, never its text (punctuation excepted).
    private static string Describe(HclToken token) => token.Kind switch
    {
        HclTokenKind.Punctuation => $"'{token.Text}'",
        HclTokenKind.String => "a string",
        HclTokenKind.Identifier => "a name",
        _ => "the end of the policy",
    };
}
