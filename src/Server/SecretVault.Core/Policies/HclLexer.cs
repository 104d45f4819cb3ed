using System.Globalization;
using System.Text;

namespace SecretVault.Core.Policies;

/// <summary>Splits HCL policy text into tokens, one at a time, skipping <c>#</c>, <c>//</c> and <c>/* */</c> comments.</summary>
internal sealed class HclLexer
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    public HclLexer(string text)
    {
        _text = text;
    }

    /// <summary>
    /// The next token; after the text ends, <see cref="HclTokenKind.End"/> each time. Tokens are made one at a
    /// time so that the parser can refuse a deeply nested policy before the rest of it is tokenized.
    /// </summary>
    public HclToken Next()
    {
        SkipSpaceAndComments();
        if (_position >= _text.Length)
        {
            return new HclToken(HclTokenKind.End, "", _line, _column);
        }

        var (line, column) = (_line, _column);
        var c = _text[_position];
        switch (c)
        {
            case '{' or '}' or '[' or ']' or '=' or ',' or ':':
                Advance();
                return new HclToken(HclTokenKind.Punctuation, c.ToString(), line, column);
            case '"':
                return new HclToken(HclTokenKind.String, ReadString(), line, column);
            case '<' when _position + 1 < _text.Length && _text[_position + 1] == '<':
                return new HclToken(HclTokenKind.String, ReadHeredoc(), line, column);
            default:
                if (char.IsLetterOrDigit(c) || c is '_' or '-' or '.')
                {
                    var start = _position;
                    while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '_' or '-' or '.'))
                    {
                        Advance();
                    }

                    return new HclToken(HclTokenKind.Identifier, _text[start.._position], line, column);
                }

                throw new PolicyParseException($"unexpected character '{c}'", line, column);
        }
    }

    private void SkipSpaceAndComments()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c))
            {
                Advance();
            }
            else if (c == '#' || (c == '/' && Peek(1) == '/'))
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    Advance();
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var (line, column) = (_line, _column);
                Advance();
                Advance();
                while (_position < _text.Length && !(_text[_position] == '*' && Peek(1) == '/'))
                {
                    Advance();
                }

                if (_position >= _text.Length)
                {
                    throw new PolicyParseException("unterminated comment", line, column);
                }

                Advance();
                Advance();
            }
            else
            {
                return;
            }
        }
    }

    private string ReadString()
    {
        var (line, column) = (_line, _column);
        Advance();
        var text = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] == '\n')
            {
                throw new PolicyParseException("unterminated string", line, column);
            }

            var c = _text[_position];
            Advance();
            if (c == '"')
            {
                return HasLoneSurrogate(text)
                    ? throw new PolicyParseException("invalid unicode escape: a lone UTF-16 surrogate", line, column)
                    : text.ToString();
            }

            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw new PolicyParseException("unterminated string", line, column);
            }

            var escaped = _text[_position];
            Advance();
            text.Append(escaped switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                '"' => "\"",
                '\\' => "\\",
                'u' => ReadUnicode(line, column),
                _ => throw new PolicyParseException($"invalid escape sequence '\\{escaped}'", _line, _column - 1),
            });
        }
    }

    private string ReadUnicode(int line, int column)
    {
        if (_position + 4 > _text.Length || !int.TryParse(_text.AsSpan(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            throw new PolicyParseException("invalid unicode escape", line, column);
        }

        for (var i = 0; i < 4; i++)
        {
            Advance();
        }

        return ((char)code).ToString();
    }

    // "\ud800" alone is no character: it cannot be stored or compared as text, so it is refused.
    private static bool HasLoneSurrogate(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private string ReadHeredoc()
    {
        var (line, column) = (_line, _column);
        Advance();
        Advance();
        if (Peek(0) == '-')
        {
            Advance();
        }

        var start = _position;
        while (_position < _text.Length && _text[_position] != '\n')
        {
            Advance();
        }

        var marker = _text[start.._position].Trim();
        if (marker.Length == 0 || _position >= _text.Length)
        {
            throw new PolicyParseException("invalid heredoc", line, column);
        }

        Advance();
        var body = new StringBuilder();
        while (_position < _text.Length)
        {
            var lineStart = _position;
            while (_position < _text.Length && _text[_position] != '\n')
            {
                Advance();
            }

            var current = _text[lineStart.._position];
            if (_position < _text.Length)
            {
                Advance();
            }

            if (current.Trim() == marker)
            {
                return body.ToString();
            }

            body.Append(current).Append('\n');
        }

        throw new PolicyParseException("unterminated heredoc", line, column);
    }

    private char Peek(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }
}
