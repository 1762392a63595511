using PdfSharp.Drawing;

namespace ArPlatform.BuildingBlocks.Pdf;

public static class PdfText
{
    /// <summary>The text cut to fit <paramref name="width"/> with an ellipsis, or whole when it fits.</summary>
    public static string Fit(XGraphics graphics, string text, XFont font, double width)
    {
        if (graphics.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && graphics.MeasureString(text[..cut] + "…", font).Width > width)
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
