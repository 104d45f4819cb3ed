namespace SecretVault.Core.Policies;

/// <summary>Parses HCL tokens into a <see cref="PolicyNode"/> tree: attributes, labelled blocks, lists and objects.</summary>
internal sealed class HclParser
{
    private readonly List<HclToken> _tokens;
    private int _index;

    private HclParser(List<HclToken> tokens)
    {
        _tokens = tokens;
    }

    public static PolicyNode Parse(string text)
    {
        var parser = new HclParser(new HclLexer(text).Tokenize());
        var root = parser.Body(1, 1, closing: null);
        return root;
    }

    private HclToken Current => _tokens[_index];

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
                _index++;
                return new PolicyNode(PolicyNodeKind.Object, line, column) { Members = members };
            }

            if (token.Kind is not (HclTokenKind.Identifier or HclTokenKind.String))
            {
                throw new PolicyParseException($"expected a key, found '{token.Text}'", token.Line, token.Column);
            }

            _index++;
            members.Add((token.Text, Member(token)));
            if (Current.Kind == HclTokenKind.Punctuation && Current.Text == ",")
            {
                _index++;
            }
        }
    }

    private PolicyNode Member(HclToken key)
    {
        var next = Current;
        if (next.Kind == HclTokenKind.Punctuation && next.Text is "=" or ":")
        {
            _index++;
            return Value();
        }

        if (next.Kind == HclTokenKind.String)
        {
            _index++;
            var labelled = Member(next);
            return new PolicyNode(PolicyNodeKind.Object, next.Line, next.Column) { Members = [(next.Text, labelled)] };
        }

        if (next.Kind == HclTokenKind.Punctuation && next.Text == "{")
        {
            _index++;
            return Body(next.Line, next.Column, "}");
        }

        throw new PolicyParseException($"expected '=' or a block after \"{key.Text}\"", next.Line, next.Column);
    }

    private PolicyNode Value()
    {
        var token = Current;
        _index++;
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

                    items.Add(Value());
                    if (Current.Kind == HclTokenKind.Punctuation && Current.Text == ",")
                    {
                        _index++;
                    }
                    else if (!(Current.Kind == HclTokenKind.Punctuation && Current.Text == "]"))
                    {
                        throw new PolicyParseException($"expected ',' or ']', found '{Current.Text}'", Current.Line, Current.Column);
                    }
                }

                _index++;
                return new PolicyNode(PolicyNodeKind.List, token.Line, token.Column) { Items = items };
            case HclTokenKind.Punctuation when token.Text == "{":
                return Body(token.Line, token.Column, "}");
            default:
                throw new PolicyParseException(token.Kind == HclTokenKind.End ? "expected a value before the end of the policy" : $"expected a value, found '{token.Text}'", token.Line, token.Column);
        }
    }
}
