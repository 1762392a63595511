using ArPlatform.BuildingBlocks.Persistence;

namespace ArPlatform.Reporting.Periodic;

/// <summary>A client report as made, its two files kept: what the schedule (once per period) or a request made, and where it was mailed.</summary>
public sealed class PeriodicReport : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>scheduled or on-demand.</summary>
    public required string Trigger { get; set; }

    /// <summary>weekly, monthly or custom (an on-demand period of one's own).</summary>
    public required string Frequency { get; set; }

    public DateOnly PeriodFrom { get; set; }

    public DateOnly PeriodTo { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>The client's name as the report shows it.</summary>
    public string Client { get; set; } = "";

    /// <summary>The headline figures, in words, as the email states them.</summary>
    public List<string> Headline { get; set; } = [];

    public int GeneratedInMs { get; set; }

    public byte[] Xlsx { get; set; } = [];

    public byte[] Pdf { get; set; } = [];

    public int XlsxBytes { get; set; }

    public int PdfBytes { get; set; }

    public List<string> Recipients { get; set; } = [];

    public DateTimeOffset? EmailedAt { get; set; }

    /// <summary>Why the last attempt to mail it failed; null once mailed or when it was not to be mailed.</summary>
    public string? MailError { get; set; }
}

public static class ReportTriggers
{
    public const string Scheduled = "scheduled";
    public const string OnDemand = "on-demand";
}

/// <summary>A kept report as listed: its period, how it was made, where it went and the links to its files.</summary>
public sealed record PeriodicReportSummary(
    Guid Id, string Trigger, string Frequency, DateOnly PeriodFrom, DateOnly PeriodTo, DateTimeOffset GeneratedAt, int GeneratedInMs,
    IReadOnlyList<string> Recipients, DateTimeOffset? EmailedAt, string? MailError, int XlsxBytes, int PdfBytes, string XlsxUrl, string PdfUrl);

public sealed record PeriodicReportList(int Page, int PageSize, int Total, IReadOnlyList<PeriodicReportSummary> Reports);

/// <summary>
/// An on-demand report: the period (default: the schedule's last one, else the last calendar month), whether to mail it
/// (default: when there are recipients) and to whom (default: the schedule's).
/// </summary>
public sealed record PeriodicRunRequest(DateOnly? From = null, DateOnly? To = null, bool? Email = null,
    [property: System.ComponentModel.DataAnnotations.MaxLength(PeriodicReports.MaxRecipients)][property: ServiceDefaults.OpenApi.ItemsMaxLength(254)]
    List<string?>? Recipients = null);
