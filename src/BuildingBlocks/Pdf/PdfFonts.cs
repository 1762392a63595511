using PdfSharp.Fonts;

namespace ArPlatform.BuildingBlocks.Pdf;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces embedded in this assembly (Fonts/, licence beside them): PDFsharp's Core build
/// finds no font of its own on Linux, and a server or CI machine may have none installed. Call
/// <see cref="EnsureRegistered"/> before making an <c>XFont</c> of <see cref="Family"/>.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    /// <summary>A family name of our own, so that a resolver someone else registered first passes it on to us.</summary>
    public const string Family = "ArPlatform Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lazy<byte[]> RegularFace = new(() => Load(Regular));
    private static readonly Lazy<byte[]> BoldFace = new(() => Load(Bold));
    private static readonly Lazy<bool> Registration = new(Register);

    /// <summary>Registers the resolver with PDFsharp (a process-wide setting) once, before the first font is used.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    private static bool Register()
    {
        var resolver = new PdfFonts();
        if (GlobalFontSettings.FontResolver is null)
        {
            GlobalFontSettings.FontResolver = resolver;
        }
        else if (GlobalFontSettings.FontResolver is not PdfFonts && GlobalFontSettings.FallbackFontResolver is null)
        {
            GlobalFontSettings.FallbackFontResolver = resolver;
        }
        return true;
    }

    // Every family resolves to DejaVu Sans: these are the only fonts the service has, and a document with a substituted
    // font beats an exception. DejaVu Sans has no italic face, so PDFsharp slants the upright one.
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faceName == Bold ? BoldFace.Value : RegularFace.Value;

    private static byte[] Load(string face)
    {
        var name = $"ArPlatform.BuildingBlocks.Pdf.Fonts.{face}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
