using System.Diagnostics;
using System.Globalization;
using ArPlatform.Collections.Communications;
using ArPlatform.ServiceDefaults.Mail;
using Npgsql;
using static ArPlatform.Benchmarks.Measurements;

namespace ArPlatform.Benchmarks;

/// <summary>
/// The collections issue's figures on a tenant of <c>--collection-customers</c> accounts and
/// <c>--collection-invoices</c> open invoices, 30% overdue (those of the accounts with an email address 1 to 6 days, so
/// that the run emails them a reminder; the others up to 120 days), seeded straight into Collections' database: a dunning run
/// deciding and recording every account's action beside one SQL statement computing every item's due step; the rate
/// its emails reach the SMTP server (the first <c>--collection-emails</c> accounts have an address); a worklist page
/// and an account view through the gateway.
/// </summary>
public sealed class CollectionBenchmarks(BenchmarkPlatform platform, MailSink mail, BenchmarkOptions options, Action<string> report)
{
    private const int Collectors = 50;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")));

    public async Task RunAsync()
    {
        var (token, tenant) = await platform.NewTenantAsync();
        await WaitForFirstDayAsync();
        await SeedAsync(tenant);
        await WaitForQuietMachineAsync("the seeding's autovacuum");
        var baseline = await BaselineAsync(tenant);
        var run = await RunAsync(token);
        report($"Dunning run over {options.CollectionCustomers:N0} accounts / {options.CollectionInvoices:N0} open invoices: {run.Seconds:0.0} s " +
               $"({run.Actions:N0} actions, {run.Skipped:N0} skipped steps); one SQL statement computing every item's due step: {baseline:0.00} s " +
               $"(ratio {run.Seconds / baseline:0.0}x)");
        await EmailRateAsync(tenant);
        await WorklistCaughtUpAsync(tenant);
        await WaitForQuietMachineAsync("the worklist's refresh and autovacuum");
        await ReadsAsync(token);
    }

    /// <summary>The daily job runs a new tenant's first day when it first sees it; the seeded data must not meet that run.</summary>
    private async Task WaitForFirstDayAsync()
    {
        var admin = await platform.AdminTokenAsync();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            var jobs = await platform.JsonAsync(HttpMethod.Get, $"/api/v1/platform/jobs?from={Today:yyyy-MM-dd}&to={Today:yyyy-MM-dd}", admin);
            if (jobs["runs"]!.AsArray().Any(r => (string?)r!["job"] == "collections-day" && (int)r["tenantsDone"]! >= 1))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Console.WriteLine("  (the collections daily job has not run the new tenant's first day in 3 minutes; going on)");
    }

    private async Task SeedAsync(Guid tenant)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("collectionsdb"));
        await connection.OpenAsync();
        var sql = $"""
            INSERT INTO accounts (customer_id, tenant_id, code, name, type, collector, portfolio, broken_promises, on_hold, updated_at)
            SELECT ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, @tenant, 'C' || lpad(n::text, 6, '0'), 'Customer ' || n, 'dealer',
                   'collector' || (n % {Collectors}) || '@firm.in', 'north', 0, false, now()
            FROM generate_series(1, @customers) n;
            INSERT INTO contacts (contact_id, tenant_id, customer_id, name, escalation_level, email, phone, preferred_channel)
            SELECT gen_random_uuid(), @tenant, ('00000000-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid, 'AP ' || n, 'L1',
                   CASE WHEN n <= @emails THEN 'ap' || n || '@customer.example' END, '+91 98765 43210', CASE WHEN n <= @emails THEN 'email' ELSE 'phone' END
            FROM generate_series(1, @customers) n;
            INSERT INTO items (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, open_amount, disputed_amount, issued, recorded_on)
            SELECT gen_random_uuid(), @tenant, ('00000000-0000-7000-8000-' || lpad(to_hex(1 + (n % @customers)), 12, '0'))::uuid, 'INV-' || lpad(n::text, 8, '0'),
                   d - 30, d, 1000 + (n % 997) + 0.5, 1000 + (n % 997) + 0.5, 0, true, @today - 200
            FROM generate_series(1, @invoices) n,
                 LATERAL (SELECT CASE WHEN n % 10 < 3 THEN @today - CASE WHEN 1 + (n % @customers) <= @emails THEN 1 + n % 6 ELSE 1 + n % 120 END
                                      ELSE @today + (1 + n % 60) END AS d) due;
            ANALYZE accounts; ANALYZE contacts; ANALYZE items;
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1800 };
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("customers", options.CollectionCustomers);
        command.Parameters.AddWithValue("invoices", options.CollectionInvoices);
        command.Parameters.AddWithValue("emails", options.CollectionEmails);
        command.Parameters.AddWithValue("today", Today);
        await command.ExecuteNonQueryAsync();
        Console.WriteLine($"Seeded {options.CollectionCustomers:N0} accounts and {options.CollectionInvoices:N0} open invoices in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One statement: every open item's due step under the default strategy (the least a run must compute).</summary>
    private async Task<double> BaselineAsync(Guid tenant)
    {
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("collectionsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*), count(step) FROM (
                SELECT (SELECT max(o) FROM unnest(ARRAY[-3, 1, 7, 15, 30, 45, 60, 90]) o WHERE o <= @today - i.due_date) AS step
                FROM items i WHERE i.tenant_id = @tenant AND i.open_amount > 0 AND i.issued) s
            """, connection) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("tenant", tenant);
        command.Parameters.AddWithValue("today", Today);
        await command.ExecuteScalarAsync(); // warm the cache as the run finds it
        var watch = Stopwatch.StartNew();
        await command.ExecuteScalarAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private async Task<(double Seconds, int Actions, int Skipped)> RunAsync(string token)
    {
        var started = await platform.JsonAsync(HttpMethod.Post, "/api/v1/collections/dunning/runs", token, new { });
        var path = $"/api/v1/collections/dunning/runs/{started["id"]}";
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var run = await platform.JsonAsync(HttpMethod.Get, path, token);
            if ((string?)run["status"] != "running")
            {
                if ((string?)run["status"] != "completed")
                {
                    throw new InvalidOperationException($"The dunning run failed: {run}");
                }

                return ((double)run["durationSeconds"]!, (int)run["actions"]!, (int)run["skipped"]!);
            }
        }
    }

    /// <summary>
    /// Emails (reminders, and letters as PDF attachments) sent per second from the first to the last (status sent, read
    /// in the database), beside the baseline: the same server taking mail of the same kinds straight from MailKit over as
    /// many connections as the dispatcher uses, nothing read or recorded.
    /// </summary>
    private async Task EmailRateAsync(Guid tenant)
    {
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("collectionsdb"));
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        long queued = 1;
        while (watch.Elapsed < TimeSpan.FromMinutes(15))
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FILTER (WHERE status = 'queued') FROM messages WHERE tenant_id = @tenant", connection);
            count.Parameters.AddWithValue("tenant", tenant);
            queued = (long)(await count.ExecuteScalarAsync())!;
            if (queued == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await using var rate = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE channel = 'email'), count(*) FILTER (WHERE channel = 'letter'), extract(epoch FROM max(sent_at) - min(sent_at))
            FROM messages WHERE tenant_id = @tenant AND status = 'sent' AND to_address LIKE '%@%'
            """, connection);
        rate.Parameters.AddWithValue("tenant", tenant);
        long emails, letters;
        double seconds;
        await using (var reader = await rate.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (emails, letters, seconds) = (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : (double)reader.GetDecimal(2));
        }

        var (email, letter) = await SamplesAsync(connection, tenant);
        var emailBaseline = email is null ? 0 : await ServerRateAsync(email, 2_000);
        var letterBaseline = letter is null ? 0 : await ServerRateAsync(letter, 500);
        // What the server could take of this mix: the time of each kind at its own rate, added.
        var mixBaseline = (emails + letters) / ((email is null ? 0 : emails / emailBaseline) + (letter is null ? 0 : letters / letterBaseline));
        var measured = (emails + letters) / Math.Max(seconds, 0.001);
        var ours = mail.Received.Where(r => r.Key.EndsWith("@collections.arplatform", StringComparison.Ordinal)).ToList();
        report($"Emails to the SMTP relay (MailSink): {ours.Count:N0} distinct Message-Ids received, {ours.Count(r => r.Value > 1):N0} of them more than once");
        report($"Emails to the SMTP relay (MailSink): {emails:N0} reminders and {letters:N0} letters with their PDF in {seconds:0.0} s = {measured:N0}/s" +
               (queued > 0 ? $" ({queued:N0} still queued after 15 min)" : "") +
               $"; MailKit straight to the same server over {ArPlatform.Collections.Messages.MessageDispatcher.Connections} connections: reminders {emailBaseline:N0}/s, " +
               $"letters {letterBaseline:N0}/s, this mix {mixBaseline:N0}/s (ratio {mixBaseline / measured:0.00}x)");
    }

    /// <summary>One sent reminder and one sent letter of the run, as the dispatcher sent them.</summary>
    private static async Task<(OutgoingMail? Email, OutgoingMail? Letter)> SamplesAsync(NpgsqlConnection connection, Guid tenant)
    {
        async Task<OutgoingMail?> SampleAsync(string channel)
        {
            await using var command = new NpgsqlCommand(
                "SELECT id FROM messages WHERE tenant_id = @tenant AND status = 'sent' AND channel = @channel AND to_address LIKE '%@%' LIMIT 1", connection);
            command.Parameters.AddWithValue("tenant", tenant);
            command.Parameters.AddWithValue("channel", channel);
            if (await command.ExecuteScalarAsync() is not Guid id)
            {
                return null;
            }

            await using var read = new NpgsqlCommand("SELECT subject, body, text, model::text FROM messages WHERE id = @id", connection);
            read.Parameters.AddWithValue("id", id);
            await using var reader = await read.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (subject, body, text) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            List<MailAttachment>? attachments = null;
            if (channel == "letter")
            {
                var model = System.Text.Json.JsonSerializer.Deserialize<CommunicationModel>(reader.GetString(3), System.Text.Json.JsonSerializerOptions.Web)!;
                attachments = [new MailAttachment("letter.pdf", "application/pdf", LetterPdf.Render(model, new RenderedMessage(subject, body, text)))];
            }

            return new OutgoingMail([new MimeKit.MailboxAddress("AP", "baseline@customer.example")], subject, text, body, attachments);
        }

        return (await SampleAsync("email"), await SampleAsync("letter"));
    }

    private async Task<double> ServerRateAsync(OutgoingMail sample, int count)
    {
        var sender = new MailSender(MailRelay.Parse(platform.AdminConnectionString("mail")));
        var connections = ArPlatform.Collections.Messages.MessageDispatcher.Connections;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            await using var session = await sender.OpenAsync();
            for (var i = c; i < count; i += connections)
            {
                await session.SendAsync(sample with { MessageId = $"{Guid.NewGuid():N}@baseline.arplatform" });
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>The run marked every account it acted on: the worklist's kept rows are made again in the background.</summary>
    private async Task WorklistCaughtUpAsync(Guid tenant)
    {
        await using var connection = new NpgsqlConnection(platform.AdminConnectionString("collectionsdb"));
        await connection.OpenAsync();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM worklist_stale WHERE tenant_id = @tenant", connection);
            count.Parameters.AddWithValue("tenant", tenant);
            if ((long)(await count.ExecuteScalarAsync())! == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        report($"Worklist rows made again in the background after the run and its emails: {watch.Elapsed.TotalSeconds:0} s more");
    }

    private async Task ReadsAsync(string token)
    {
        var worklist = new List<double>();
        var accounts = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var watch = Stopwatch.StartNew();
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/collections/worklist?collector=collector{i % Collectors}@firm.in&pageSize=50", token);
            worklist.Add(watch.Elapsed.TotalMilliseconds);
        }

        for (var i = 0; i < 200; i++)
        {
            var id = $"00000000-0000-7000-8000-{(1 + (i * 7919 % options.CollectionCustomers)).ToString("x", CultureInfo.InvariantCulture).PadLeft(12, '0')}";
            var watch = Stopwatch.StartNew();
            await platform.JsonAsync(HttpMethod.Get, $"/api/v1/collections/accounts/{id}", token);
            accounts.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The first requests compile the queries: the figures are of the rest.
        worklist = worklist[10..];
        accounts = accounts[20..];
        var perCollector = options.CollectionCustomers / Collectors;
        report($"Worklist page (50 of a collector's {perCollector:N0} accounts) through the gateway: p50 {P(worklist, 50):0} ms, p95 {P(worklist, 95):0} ms");
        report($"Account view through the gateway: p50 {P(accounts, 50):0} ms, p95 {P(accounts, 95):0} ms");
    }
}
