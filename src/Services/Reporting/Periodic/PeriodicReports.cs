using System.Diagnostics;
using System.Linq.Expressions;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Mail;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// A tenant's client reports: the schedule, making a report (its figures from <see cref="ClientReportBuilder"/>, rendered
/// as XLSX and PDF and kept), mailing it through the platform's relay, and listing and serving what was kept. The
/// endpoints and the daily job both call it.
/// </summary>
public sealed class PeriodicReports(
    ReportingDbContext db, ClientReportBuilder builder, TimeProvider clock, ILogger<PeriodicReports> logger, MailSender? mail = null)
{
    public const int MaxRecipients = 20;
    public const int MaxCustomDays = 366;
    private const int MaxUnsentPerRun = 50;

    public async Task<ScheduleResponse?> GetScheduleAsync(CancellationToken cancellationToken) =>
        await db.Schedules.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } schedule ? Response(schedule) : null;

    public async Task<(ScheduleResponse? Schedule, Validation Validation)> SetScheduleAsync(ScheduleRequest request, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .When(request.Frequency is null, "frequency", $"is required: one of {string.Join(", ", ReportFrequencies.All)}.")
            .When(request.Frequency is not null && !ReportFrequencies.All.Contains(request.Frequency), "frequency",
                $"must be one of {string.Join(", ", ReportFrequencies.All)}.")
            .When(request.Day is null, "day", "is required: the weekday (1 = Monday … 7 = Sunday) or the day of the month (1–28).")
            .When(request.Frequency == ReportFrequencies.Weekly && request.Day is < 1 or > 7, "day", "must be a weekday: 1 (Monday) to 7 (Sunday).")
            .When(request.Frequency == ReportFrequencies.Monthly && request.Day is < 1 or > 28, "day",
                "must be a day of the month from 1 to 28 (every month has it).")
            .When(!ReportFrequencies.All.Contains(request.Frequency ?? "") && request.Day is < 1 or > 28, "day",
                "must be a weekday 1–7 (weekly) or a day of the month 1–28 (monthly).");
        var recipients = Recipients(validation, request.Recipients, required: true);
        if (!validation.IsValid)
        {
            return (null, validation);
        }

        var tenant = db.Tenant.RequiredTenantId;
        var now = clock.GetUtcNow();
        await ReportTenants.KnowAsync(db, tenant, now, cancellationToken);
        // One statement, so that two first schedules sent at once do not both insert.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_schedules (tenant_id, frequency, day, recipients, updated_at)
            VALUES ({tenant}, {request.Frequency!}, {request.Day!.Value}, {recipients.ToArray()}, {now})
            ON CONFLICT (tenant_id) DO UPDATE SET frequency = excluded.frequency, day = excluded.day, recipients = excluded.recipients,
                updated_at = excluded.updated_at
            """, cancellationToken);
        var schedule = await db.Schedules.AsNoTracking().SingleAsync(cancellationToken);
        return (Response(schedule), validation);
    }

    public async Task<bool> DeleteScheduleAsync(CancellationToken cancellationToken) =>
        await db.Schedules.ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>
    /// The daily job's run for <paramref name="date"/>: first the scheduled reports kept but not mailed yet (the relay was
    /// away), then, when the schedule falls on the date, the report of its period, made once (a repeated run finds it)
    /// and mailed. Throws when a mailing fails, so that the job tries again; a date whose attempts ran out leaves its
    /// report to the next day's run, which mails it first.
    /// </summary>
    public async Task<PeriodicReport?> RunScheduledAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var unsent = await db.PeriodicReports.Where(r => r.Trigger == ReportTriggers.Scheduled && r.EmailedAt == null && r.Recipients.Count > 0)
            .OrderBy(r => r.GeneratedAt).Take(MaxUnsentPerRun).ToListAsync(cancellationToken);
        var errors = new List<string>();
        foreach (var kept in unsent)
        {
            await MailAsync(kept, cancellationToken);
            errors.AddRange(kept.MailError is { } error ? [$"report {kept.Id}: {error}"] : []);
        }

        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        PeriodicReport? report = null;
        if (schedule?.PeriodDueOn(date) is { } period)
        {
            report = await db.PeriodicReports.SingleOrDefaultAsync(
                r => r.Trigger == ReportTriggers.Scheduled && r.PeriodTo == period.To && r.Frequency == schedule.Frequency, cancellationToken);
            report ??= await MakeAsync(ReportTriggers.Scheduled, schedule.Frequency, period, schedule.Recipients, cancellationToken);
            if (report.EmailedAt is null && report.Recipients.Count > 0)
            {
                await MailAsync(report, cancellationToken);
                errors.AddRange(report.MailError is { } error ? [$"report {report.Id}: {error}"] : []);
            }
        }

        return errors.Count == 0 ? report : throw new InvalidOperationException($"Kept but not mailed: {string.Join("; ", errors)}");
    }

    /// <summary>A report made now for the period asked (by default the schedule's last, else the last calendar month), mailed when asked.</summary>
    public async Task<(PeriodicReport? Report, Validation Validation)> RunOnDemandAsync(PeriodicRunRequest request, CancellationToken cancellationToken)
    {
        var today = BusinessDate.Today(clock);
        var schedule = await db.Schedules.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var validation = new Validation()
            .When(request.From is null != request.To is null, request.From is null ? "from" : "to", "give both from and to, or neither.")
            .BusinessDate("from", request.From, today.AddDays(-1), "must be before today: a report covers days that are over.")
            .BusinessDate("to", request.To, today.AddDays(-1), "must be before today: a report covers days that are over.")
            .When(request.From > request.To, "to", "must be on or after from.")
            .When(request.From is { } f && request.To is { } t && t.DayNumber - f.DayNumber + 1 > MaxCustomDays, "to", $"a report covers at most {MaxCustomDays} days.");
        var recipients = Recipients(validation, request.Recipients, required: false);
        var email = request.Email ?? (request.Recipients is not null || schedule is not null);
        recipients = request.Recipients is null ? schedule?.Recipients ?? [] : recipients;
        validation.When(email && recipients.Count == 0, "recipients", "to mail the report, name its recipients (or set a schedule with them), or send \"email\": false.");
        if (!validation.IsValid)
        {
            return (null, validation);
        }

        var (frequency, period) = request.From is { } from
            ? ("custom", new ReportPeriod(from, request.To!.Value))
            : schedule is not null
                ? (schedule.Frequency, LastPeriod(schedule, today))
                : (ReportFrequencies.Monthly, ReportPeriod.MonthBefore(today));
        var report = await MakeAsync(ReportTriggers.OnDemand, frequency, period, email ? recipients : [], cancellationToken);
        if (email)
        {
            await MailAsync(report, cancellationToken);
        }

        return (report, validation);
    }

    public async Task<PeriodicReportList> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = db.PeriodicReports.AsNoTracking();
        var total = await query.CountAsync(cancellationToken);
        var reports = await query.OrderByDescending(r => r.GeneratedAt).ThenByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(WithoutFiles)
            .ToListAsync(cancellationToken);
        return new PeriodicReportList(page, pageSize, total, [.. reports.Select(Summary)]);
    }

    public async Task<PeriodicReportSummary?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        await db.PeriodicReports.AsNoTracking().Where(r => r.Id == id).Select(WithoutFiles).SingleOrDefaultAsync(cancellationToken) is { } report ? Summary(report) : null;

    /// <summary>A kept report's file (xlsx or pdf) and its name, or null when this tenant has no such report.</summary>
    public async Task<(byte[] Content, string FileName)?> FileAsync(Guid id, string format, CancellationToken cancellationToken)
    {
        var file = await db.PeriodicReports.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.PeriodFrom, r.PeriodTo, Content = format == "pdf" ? r.Pdf : r.Xlsx }).SingleOrDefaultAsync(cancellationToken);
        return file is null ? null : (file.Content, $"{FileName(file.PeriodFrom, file.PeriodTo)}.{format}");
    }

    public static string FileName(DateOnly from, DateOnly to) => $"collections-report-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}";

    public static PeriodicReportSummary Summary(PeriodicReport r) => new(
        r.Id, r.Trigger, r.Frequency, r.PeriodFrom, r.PeriodTo, r.GeneratedAt, r.GeneratedInMs, r.Recipients, r.EmailedAt, r.MailError, r.XlsxBytes, r.PdfBytes,
        $"/api/v1/reports/periodic/{r.Id}?format=xlsx", $"/api/v1/reports/periodic/{r.Id}?format=pdf");

    // What a listing reads: every column but the files.
    private static readonly Expression<Func<PeriodicReport, PeriodicReport>> WithoutFiles = r => new PeriodicReport
    {
        Id = r.Id,
        Trigger = r.Trigger,
        Frequency = r.Frequency,
        PeriodFrom = r.PeriodFrom,
        PeriodTo = r.PeriodTo,
        GeneratedAt = r.GeneratedAt,
        Client = r.Client,
        Headline = r.Headline,
        GeneratedInMs = r.GeneratedInMs,
        Recipients = r.Recipients,
        EmailedAt = r.EmailedAt,
        MailError = r.MailError,
        XlsxBytes = r.XlsxBytes,
        PdfBytes = r.PdfBytes,
    };

    private async Task<PeriodicReport> MakeAsync(string trigger, string frequency, ReportPeriod period, List<string> recipients, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var client = await db.Tenants.AsNoTracking().Where(t => t.Id == db.Tenant.RequiredTenantId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken)
                     ?? $"Client {db.Tenant.RequiredTenantId}";
        var figures = await builder.BuildAsync(client, period, cancellationToken);
        var xlsx = await ClientReportWorkbook.RenderAsync(figures, cancellationToken);
        var pdf = ClientReportPdf.Render(figures);
        var report = new PeriodicReport
        {
            Id = Guid.CreateVersion7(),
            Trigger = trigger,
            Frequency = frequency,
            PeriodFrom = period.From,
            PeriodTo = period.To,
            GeneratedAt = figures.GeneratedAt,
            GeneratedInMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            Xlsx = xlsx,
            Pdf = pdf,
            XlsxBytes = xlsx.Length,
            PdfBytes = pdf.Length,
            Recipients = recipients,
            Client = client,
            Headline = [.. figures.Headline],
        };
        db.PeriodicReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Client report {Report} for {From:yyyy-MM-dd}..{To:yyyy-MM-dd} made in {Elapsed} ms ({Xlsx} B XLSX, {Pdf} B PDF)", report.Id,
            period.From, period.To, report.GeneratedInMs, xlsx.Length, pdf.Length);
        return report;
    }

    /// <summary>Mails the report with both files to its recipients; records when the relay took it, or why not.</summary>
    private async Task MailAsync(PeriodicReport report, CancellationToken cancellationToken)
    {
        if (mail is null)
        {
            report.MailError = "No mail relay is configured (ConnectionStrings:mail).";
        }
        else
        {
            var (name, client) = (FileName(report.PeriodFrom, report.PeriodTo), report.Client);
            var text = $"Collections report for {client}, {report.PeriodFrom:dd MMM yyyy} – {report.PeriodTo:dd MMM yyyy}.\n\n" +
                       string.Join("\n", report.Headline) + "\n\nThe figures are in the attached workbook (XLSX) and PDF.\n";
            try
            {
                await mail.SendAsync(new OutgoingMail([.. report.Recipients.Select(r => new MailboxAddress("", r))],
                    $"Collections report · {client} · {report.PeriodFrom:dd MMM} – {report.PeriodTo:dd MMM yyyy}", text, null,
                    [new MailAttachment($"{name}.xlsx", Exports.ReportFile.XlsxContentType, report.Xlsx), new MailAttachment($"{name}.pdf", "application/pdf", report.Pdf)],
                    $"report-{report.Id:N}@arplatform.local"), cancellationToken);
                (report.EmailedAt, report.MailError) = (clock.GetUtcNow(), null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var error = $"The mail server did not take it: {e.Message}";
                report.MailError = error.Length > 1000 ? error[..1000] : error;
                logger.LogWarning(e, "Mailing client report {Report} failed: {Cause}", report.Id, e.Message);
            }
        }

        // Not cancellable: once the relay took the mail, that it did must be kept, or the next run would send it again.
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static List<string> Recipients(Validation validation, List<string?>? recipients, bool required)
    {
        validation.When(required && (recipients is null || recipients.Count == 0), "recipients", "name at least one email address (the client's SPOC).")
            .When(recipients?.Count > MaxRecipients, "recipients", $"at most {MaxRecipients} addresses.");
        for (var i = 0; i < (recipients?.Count ?? 0) && i <= MaxRecipients; i++)
        {
            var address = recipients![i]?.Trim();
            validation.When(string.IsNullOrWhiteSpace(address), $"recipients[{i}]", "is required.").Email($"recipients[{i}]", address)
                .When(address is { Length: > 0 } a && (!MailboxAddress.TryParse(a, out var parsed) || parsed.Address != a), $"recipients[{i}]",
                    "must be a plain address such as ap@example.in (no name, no dots at either end of its first part).");
        }

        return [.. (recipients ?? []).Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The last whole period of the schedule before <paramref name="today"/>: the one its last run covered.</summary>
    private static ReportPeriod LastPeriod(ReportSchedule schedule, DateOnly today)
    {
        var date = today;
        while (schedule.PeriodDueOn(date) is null)
        {
            date = date.AddDays(-1);
        }

        return schedule.PeriodDueOn(date)!;
    }

    private ScheduleResponse Response(ReportSchedule s)
    {
        var next = s.NextRunOn(BusinessDate.Today(clock));
        return new ScheduleResponse(s.Frequency, s.Day, s.Recipients, next, s.PeriodDueOn(next)!, s.UpdatedAt);
    }
}
