using PdfSharp.Drawing;

namespace ArPlatform.BuildingBlocks.Pdf;

/// <summary>The platform's documents' colours: dark ink, a navy accent for headings, light rules and shading, grey footers.</summary>
public static class PdfColors
{
    public static readonly XColor Ink = XColor.FromArgb(0x22, 0x22, 0x22);
    public static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public static readonly XColor Rule = XColor.FromArgb(0xC8, 0xC8, 0xC8);
    public static readonly XColor Shade = XColor.FromArgb(0xEE, 0xEE, 0xEE);
    public static readonly XColor Footer = XColor.FromArgb(0x70, 0x70, 0x70);
}
