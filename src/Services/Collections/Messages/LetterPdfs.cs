using ArPlatform.Collections.Communications;

namespace ArPlatform.Collections.Messages;

/// <summary>
/// A letter's PDF, made from what the message stored (its rendered body and the figures): the same letter whenever it
/// is made, so none is kept (a one-page PDF is some 60 KB, and most letters are printed from the HTML or never opened).
/// </summary>
public static class LetterPdfs
{
    /// <exception cref="TemplateLimitExceededException">The letter would have more than <paramref name="maxPages"/> pages.</exception>
    public static byte[] Of(OutgoingMessage letter, int maxPages) =>
        LetterPdf.Render(letter.Model ?? throw new InvalidOperationException($"Letter {letter.Id} has no figures to print."),
            new RenderedMessage(letter.Subject, letter.Body, letter.Text), maxPages);
}
