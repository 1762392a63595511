using System.Collections.Concurrent;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArPlatform.BuildingBlocks.Jobs;

/// <summary>The runner's settings, from <c>Jobs:Daily</c>.</summary>
public sealed class DailyJobOptions
{
    public const string Section = "Jobs:Daily";

    /// <summary>False: this process runs no daily jobs (another replica does); the runs are still reported.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the runner looks for dates to run; it also wakes at once when the platform clock moves.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim holds without being renewed (it is renewed every third of this while the job runs).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per tenant and date, the first included; a run that failed this often stays failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// How long one tenant's run may take (ADR 0027). Past it the run is cancelled and recorded as failed ("over its time
    /// budget"), and the runner goes on with the next tenant without waiting for it to stop; the tenant is left alone
    /// until it has, then tried again like any failed run. A large tenant's dunning run takes well under a minute.
    /// </summary>
    public TimeSpan TenantBudget { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Where a service's tenants come from (its tenants table), for the daily jobs.</summary>
/// <param name="Query">The ids of every tenant the service knows; read across tenants (the table holds ids only).</param>
public sealed record DailyJobTenants<TContext>(Func<TContext, IQueryable<Guid>> Query) where TContext : TenantDbContext;

/// <summary>What one tick did with one tenant and date.</summary>
public sealed record DailyJobOutcome(string Job, Guid Tenant, DateOnly BusinessDate, int Attempt, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs every <see cref="IDailyJob"/> once per tenant and business date (ADR 0016). Each tick, for each job and tenant,
/// it takes the dates after the tenant's last run up to today's business date (from <see cref="TimeProvider"/>;
/// only today for a tenant the job never ran for), the failed ones with attempts left before them, and runs them in
/// date order. Each run is claimed first (a row of daily_job_runs, INSERT ... ON CONFLICT, with a lease renewed while
/// it runs), so with several replicas a tenant and date never runs twice or at once, and a replica that finds a run
/// claimed by another (or sees one of the tenant's runs held) leaves that tenant to it for this tick, keeping the
/// dates in order. A run that throws is
/// recorded with its error, logged once, counted in <c>arplatform.jobs.tenant_failures</c>, and the tenant's later
/// dates and the other tenants go on. A run longer than <see cref="DailyJobOptions.TenantBudget"/> is cancelled,
/// recorded as failed and not waited for (ADR 0027). Ticks come every <see cref="DailyJobOptions.PollInterval"/> and when the
/// platform clock moves (<see cref="ClockSignal"/>).
/// </summary>
public sealed class DailyJobRunner<TContext>(
    IServiceScopeFactory scopes, IEnumerable<IDailyJob> jobs, DailyJobTenants<TContext> tenants, TimeProvider clock, ClockSignal clockSignal,
    IOptions<DailyJobOptions> options, ILogger<DailyJobRunner<TContext>> logger) : BackgroundService
    where TContext : TenantDbContext
{
    private readonly DailyJobOptions _options = options.Value;
    private readonly IReadOnlyList<IDailyJob> _jobs = [.. jobs];

    // Runs left at their budget that have not stopped yet, by job and tenant: their tenant is not run again meanwhile.
    private readonly ConcurrentDictionary<(string Job, Guid Tenant), Task> _overrunning = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled || _jobs.Count == 0)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var moved = clockSignal.Moved;
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The daily-job runner failed ({Cause}); it looks again at the next tick", e.Message);
            }

            // The system clock: a poll interval is real time even when the platform clock has moved.
            await ClockSignal.WaitAsync(moved, _options.PollInterval, TimeProvider.System, stoppingToken);
        }
    }

    /// <summary>One pass over every job, tenant and date due; returns what it ran.</summary>
    public async Task<IReadOnlyList<DailyJobOutcome>> TickAsync(CancellationToken cancellationToken = default)
    {
        var today = BusinessDate.Today(clock);
        List<Guid> tenantIds;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            await DailyJobQueries.AbandonAsync(db, clock.GetUtcNow(), _options.MaxAttempts, cancellationToken);
            tenantIds = await tenants.Query(db).Distinct().OrderBy(t => t).ToListAsync(cancellationToken);
        }

        List<DailyJobOutcome> outcomes = [];
        foreach (var job in _jobs)
        {
            Dictionary<Guid, DailyJobQueries.TenantLast> last;
            ILookup<Guid, DateOnly> retriable;
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<TContext>();
                last = (await DailyJobQueries.LastDatesAsync(db, job.Name, clock.GetUtcNow(), cancellationToken)).ToDictionary(l => l.Tenant);
                retriable = (await DailyJobQueries.RetriableAsync(db, job.Name, clock.GetUtcNow(), _options.MaxAttempts, cancellationToken))
                    .ToLookup(r => r.Tenant, r => r.Date);
            }

            foreach (var tenant in tenantIds)
            {
                var known = last.GetValueOrDefault(tenant);
                if (known?.Busy == true)
                {
                    continue; // another replica runs one of its dates: it goes on with the later ones, in order
                }

                if (_overrunning.TryGetValue((job.Name, tenant), out var overrun) && !overrun.IsCompleted)
                {
                    continue; // its run over budget has not stopped yet
                }

                var next = known is null ? today : known.Last.AddDays(1);
                var dates = retriable[tenant].Concat(Enumerable.Range(0, Math.Max(0, today.DayNumber - next.DayNumber + 1)).Select(next.AddDays)).Distinct().Order();
                foreach (var date in dates)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (await RunAsync(job, tenant, date, cancellationToken) is not { } outcome)
                    {
                        break; // another replica has this tenant's run: it goes on with the later dates
                    }

                    outcomes.Add(outcome);
                    if (_overrunning.ContainsKey((job.Name, tenant)))
                    {
                        break; // left at its budget: its later dates wait until it has stopped
                    }
                }
            }
        }

        return outcomes;
    }

    /// <summary>Claims and runs one tenant and date; null when it could not be claimed.</summary>
    private async Task<DailyJobOutcome?> RunAsync(IDailyJob job, Guid tenant, DateOnly date, CancellationToken cancellationToken)
    {
        var owner = Guid.CreateVersion7();
        int? attempt;
        using (var scope = scopes.CreateScope())
        {
            var now = clock.GetUtcNow();
            attempt = await DailyJobQueries.ClaimAsync(scope.ServiceProvider.GetRequiredService<TContext>(), job.Name, tenant, date, owner, now,
                now + _options.Lease, _options.MaxAttempts, cancellationToken);
        }

        if (attempt is null)
        {
            return null;
        }

        string? error = null;
        using (var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var renewing = RenewWhileRunningAsync(job.Name, tenant, date, owner, running);
            try
            {
                // On the thread pool, so that a job that works without yielding is still left at its budget.
                var work = Task.Run(() => job.RunAsync(tenant, date, running.Token), CancellationToken.None);
                if (await WithinBudgetAsync(work))
                {
                    await work;
                }
                else
                {
                    error = $"Over its time budget of {_options.TenantBudget} ({DailyJobOptions.Section}:TenantBudget): stopped and skipped, the other tenants went on"
                        + (attempt < _options.MaxAttempts ? "; tried again once it has stopped." : ".");
                    await running.CancelAsync();
                    LeaveRunning(job.Name, tenant, work);
                    TenantLoop.CountFailure(job.Name);
                    logger.LogError("The {Job} run of {Date} for tenant {Tenant} took longer than its budget of {Budget}; it was cancelled and the other tenants go on, attempt {Attempt} of {MaxAttempts}",
                        job.Name, date, tenant, _options.TenantBudget, attempt, _options.MaxAttempts);
                }
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // The service stops: the run is handed back at once, without using up an attempt.
                using var scope = scopes.CreateScope();
                await DailyJobQueries.ReleaseAsync(scope.ServiceProvider.GetRequiredService<TContext>(), job.Name, tenant, date, owner, clock.GetUtcNow(),
                    CancellationToken.None);
                throw;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                error = running.IsCancellationRequested
                    ? "Another replica took the run over: its lease ran out while it ran."
                    : e.Message.Length > DailyJobModel.MaxError ? e.Message[..DailyJobModel.MaxError] : e.Message;
                TenantLoop.CountFailure(job.Name);
                logger.LogError(e, "The {Job} run of {Date} failed for tenant {Tenant} ({Cause}), attempt {Attempt} of {MaxAttempts}; the other tenants and later dates go on{Retry}",
                    job.Name, date, tenant, e.Message, attempt, _options.MaxAttempts,
                    attempt < _options.MaxAttempts ? ", and this one is tried again at a later tick" : "; it is not tried again");
            }
            finally
            {
                await running.CancelAsync();
                await renewing;
            }
        }

        using (var scope = scopes.CreateScope())
        {
            // Recorded even when the service is stopping: a run that finished is not run again after a restart.
            await DailyJobQueries.FinishAsync(scope.ServiceProvider.GetRequiredService<TContext>(), job.Name, tenant, date, owner, clock.GetUtcNow(), error,
                CancellationToken.None);
        }

        return new DailyJobOutcome(job.Name, tenant, date, attempt.Value, error);
    }

    /// <summary>Whether <paramref name="work"/> ended (however) within the tenant budget.</summary>
    private async Task<bool> WithinBudgetAsync(Task work)
    {
        using var ended = new CancellationTokenSource();
        // The system clock: a budget is real time even when the platform clock has moved.
        var budget = Task.Delay(_options.TenantBudget, TimeProvider.System, ended.Token);
        var first = await Task.WhenAny(work, budget);
        await ended.CancelAsync();
        return first == work;
    }

    /// <summary>Keeps a run left at its budget until it stops, observing how it ended.</summary>
    private void LeaveRunning(string job, Guid tenant, Task work)
    {
        _overrunning[(job, tenant)] = work;
        _ = work.ContinueWith(t =>
        {
            _overrunning.TryRemove(new KeyValuePair<(string, Guid), Task>((job, tenant), t));
            if (t.Exception is { } e && e.InnerException is not OperationCanceledException)
            {
                logger.LogWarning(e.InnerException, "The {Job} run for tenant {Tenant} left at its budget ended with an error", job, tenant);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RenewWhileRunningAsync(string job, Guid tenant, DateOnly date, Guid owner, CancellationTokenSource running)
    {
        while (!running.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.Lease / 3, TimeProvider.System, running.Token);
                using var scope = scopes.CreateScope();
                if (!await DailyJobQueries.RenewAsync(scope.ServiceProvider.GetRequiredService<TContext>(), job, tenant, date, owner,
                        clock.GetUtcNow() + _options.Lease, running.Token))
                {
                    logger.LogWarning("The {Job} run of {Date} for tenant {Tenant} was taken over by another replica; this one stops it", job, date, tenant);
                    await running.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (running.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The lease of the {Job} run of {Date} for tenant {Tenant} could not be renewed; trying again", job, date, tenant);
            }
        }
    }
}
