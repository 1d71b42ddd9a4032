using System.Buffers;
using System.Text;
using System.Text.Json;

namespace JobPlatform.ContentAnalysis.Category;

/// <summary>
/// Unit-length vectors of the most frequent lowercase words of wink's 100-dimension GloVe embedding. The package is
/// one 300 MB JSON object whose vectors come most frequent first, so it is read as a stream and the read stops once
/// the vocabulary is full: neither the file nor the rare words are ever held in memory.
/// </summary>
internal sealed class WordVectors(Dictionary<string, float[]> vectors)
{
    public int Count => vectors.Count;

    public IEnumerable<KeyValuePair<string, float[]>> All => vectors;

    public float[]? this[string word] => vectors.GetValueOrDefault(word);

    public static float Cosine(float[] unitA, float[] unitB)
    {
        var dot = 0f;
        for (var i = 0; i < unitA.Length; i++)
        {
            dot += unitA[i] * unitB[i];
        }

        return dot;
    }

    public static float[] Normalize(float[] vector)
    {
        var length = MathF.Sqrt(Cosine(vector, vector));
        return length == 0 ? vector : [.. vector.Select(value => value / length)];
    }

    public static WordVectors Load(string path, int vocabularySize)
    {
        using var file = File.OpenRead(path);
        var walker = new VectorWalker(vocabularySize);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            var state = new JsonReaderState();
            var carried = 0;
            while (!walker.IsDone)
            {
                var read = file.Read(buffer, carried, buffer.Length - carried);
                var filled = carried + read;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), isFinalBlock: read == 0, state);
                walker.Consume(ref reader);
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                carried = filled - consumed;
                if (read == 0 || (consumed == 0 && carried == buffer.Length))
                {
                    break;
                }

                buffer.AsSpan(consumed, carried).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new WordVectors(walker.Vectors);
    }

    /// <summary>Follows the token stream across buffer refills: <c>{"vectors": {"word": [d1..d100, norm, index], ...}}</c>.</summary>
    private sealed class VectorWalker(int vocabularySize)
    {
        private const int Dimensions = 100;
        private int _depth;
        private bool _inVectors;
        private string? _word;
        private readonly List<float> _values = new(Dimensions + 2);

        public Dictionary<string, float[]> Vectors { get; } = new(StringComparer.Ordinal);

        public bool IsDone { get; private set; }

        public void Consume(ref Utf8JsonReader reader)
        {
            while (!IsDone && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        _depth++;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        _depth--;
                        if (_inVectors && _depth == 2 && _word is not null)
                        {
                            Keep(_word);
                        }

                        IsDone |= _inVectors && _depth == 1;
                        break;
                    case JsonTokenType.PropertyName when _depth == 1:
                        _inVectors = reader.ValueTextEquals("vectors"u8);
                        break;
                    case JsonTokenType.PropertyName when _inVectors && _depth == 2:
                        _word = reader.GetString();
                        _values.Clear();
                        break;
                    case JsonTokenType.Number when _inVectors && _depth == 3:
                        _values.Add(reader.GetSingle());
                        break;
                }
            }
        }

        private void Keep(string word)
        {
            // Entry: the 100 dimensions, the vector's norm, the word's frequency rank.
            if (_values.Count >= Dimensions && word.All(char.IsAsciiLetterLower))
            {
                Vectors[word] = Normalize([.. _values.Take(Dimensions)]);
            }

            IsDone = _values.Count > Dimensions + 1 && _values[Dimensions + 1] >= vocabularySize - 1;
            _word = null;
        }
    }
}
