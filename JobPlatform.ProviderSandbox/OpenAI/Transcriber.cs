using JobPlatform.ProviderSandbox.Media;
using JobPlatform.ProviderSandbox.SyntheticData;

namespace JobPlatform.ProviderSandbox.OpenAI;

/// <summary>
/// The sandbox's speech recognition: the transcript is a function of the file's bytes (their SHA-256), the same file
/// always giving the same text. The text is sentences of the caption library (in the requested language, or one the
/// bytes pick); the duration is the file's size at the sandbox videos' byte rate, so a sandbox video "lasts" as long
/// as Graph said it does.
/// </summary>
internal static class Transcriber
{
    public static Transcript Transcribe(ReadOnlySpan<byte> audio, string? language)
    {
        var random = new DeterministicRandom(StableHash.Of(audio));
        var spoken = CaptionLibrary.Find(language) ?? (random.Chance(0.5) ? CaptionLibrary.English : random.Pick(CaptionLibrary.Languages));
        var duration = Math.Round(Math.Max(1.0, audio.Length / (double)SyntheticVideo.BytesPerSecond), 2);
        var tone = random.Chance(0.6) ? Tone.Positive : random.Pick(Enum.GetValues<Tone>());
        var pool = spoken.Sentences(tone);
        var first = random.Next(pool.Count);
        var sentences = Enumerable.Range(0, Math.Clamp((int)(duration / 6), 1, 12)).Select(position => pool[(first + position) % pool.Count]).ToList();
        var perSentence = duration / sentences.Count;
        var segments = sentences.Select((sentence, position) => new TranscriptSegment(
            position,
            (int)(position * perSentence * 100),
            Math.Round(position * perSentence, 2),
            Math.Round((position + 1) * perSentence, 2),
            " " + sentence,
            [.. sentence.Select(character => 256 + character % 50_000).Take(16)],
            0,
            Math.Round(-random.NextDouble(0.1, 0.5), 4),
            Math.Round(random.NextDouble(1.0, 1.6), 4),
            Math.Round(random.NextDouble(0.001, 0.05), 4))).ToList();
        return new Transcript(spoken, string.Join(" ", sentences), duration, segments);
    }
}
