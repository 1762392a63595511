using System.Net.Mail;
using System.Security.Cryptography;
using System.Text.Json;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Users;

/// <summary>What a user record says, as the API answers it. <c>tenants</c> is <c>"all"</c> or the list of tenant ids.</summary>
public sealed record UserResponse(
    Guid Id, string Email, string Name, IReadOnlyList<string> Roles, object Tenants, string CollectorCode, bool Disabled, bool PasswordSet,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UserResponse Of(StaffUser u) =>
        new(u.Id, u.Email, u.Name, u.Roles, u.AllTenants ? "all" : u.Tenants, u.CollectorCode, u.Disabled, u.PasswordHash is not null, u.CreatedAt, u.UpdatedAt);
}

/// <summary>A user's fields as a request gives them (null: not given).</summary>
public sealed record UserFields(string? Email, string? Name, List<string>? Roles, JsonElement? Tenants, string? CollectorCode);

/// <summary>
/// Staff users: created and changed by a platform admin, each with a one-time link to set a password (which
/// <see cref="StaffCredentials"/> takes).
/// </summary>
public sealed class StaffUsers(IdentityDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(72);

    public async Task<(Validation Errors, bool Conflict, StaffUser? User, string? Token)> CreateAsync(UserFields fields, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("name", fields.Name).Text("collectorCode", fields.CollectorCode);
        var email = Email(validation, fields.Email);
        var roles = Roles(validation, fields.Roles, required: true);
        var (all, tenants) = await TenantsAsync(validation, fields.Tenants, required: true, cancellationToken);
        ClientViewerRule(validation, roles, all, tenants);
        if (!validation.IsValid)
        {
            return (validation, false, null, null);
        }

        if (await db.StaffUsers.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return (validation, true, null, null);
        }

        var now = clock.GetUtcNow();
        var user = new StaffUser
        {
            Id = Guid.CreateVersion7(now),
            Email = email!,
            Name = fields.Name!.Trim(),
            Roles = roles!,
            AllTenants = all,
            Tenants = tenants ?? [],
            CollectorCode = string.IsNullOrWhiteSpace(fields.CollectorCode) ? email! : fields.CollectorCode.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.StaffUsers.Add(user);
        var token = NewLink(user.Id, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return (validation, true, null, null); // the same email created at the same moment
        }

        return (validation, false, user, token);
    }

    public async Task<(Validation Errors, StaffUser? User)> UpdateAsync(Guid id, UserFields fields, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return (validation, null);
        }

        if (fields.Name is not null)
        {
            validation.Required("name", fields.Name);
        }

        validation.Text("collectorCode", fields.CollectorCode).When(fields.Email is not null, "email", "cannot be changed: disable this user and create another.");
        var roles = Roles(validation, fields.Roles, required: false) ?? user.Roles;
        var (all, tenants) = fields.Tenants is null ? (user.AllTenants, user.Tenants) : await TenantsAsync(validation, fields.Tenants, required: true, cancellationToken);
        ClientViewerRule(validation, roles, all, tenants);
        if (!validation.IsValid)
        {
            return (validation, user);
        }

        user.Name = fields.Name?.Trim() ?? user.Name;
        (user.Roles, user.AllTenants, user.Tenants) = (roles, all, tenants ?? []);
        user.CollectorCode = string.IsNullOrWhiteSpace(fields.CollectorCode) ? user.CollectorCode : fields.CollectorCode.Trim();
        user.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return (validation, user);
    }

    public async Task<StaffUser?> SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is not null)
        {
            var now = clock.GetUtcNow();
            (user.Disabled, user.UpdatedAt) = (disabled, now);
            if (!disabled)
            {
                // Enabling is also how an administrator lifts a lockout.
                (user.FailedSignIns, user.LockedUntil) = (0, null);
            }

            if (disabled)
            {
                // Enabled again, the person needs a new link: an old one must not come back to life.
                await db.SetPasswordTokens.Where(t => t.UserId == id && t.UsedAt == null && t.ExpiresAt > now).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return user;
    }

    /// <summary>A new link for the user; the links not used yet stop working.</summary>
    public async Task<string?> NewLinkAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.StaffUsers.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        await db.SetPasswordTokens.Where(t => t.UserId == id && t.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, now), cancellationToken);
        var token = NewLink(id, now);
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    private string NewLink(Guid userId, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.SetPasswordTokens.Add(new SetPasswordToken { Id = Guid.CreateVersion7(now), UserId = userId, TokenHash = StaffCredentials.TokenHash(token), ExpiresAt = now + LinkLifetime });
        return token;
    }

    private static string? Email(Validation validation, string? email)
    {
        validation.Required("email", email);
        if (email is { Length: > 0 and <= 200 } && !(MailAddress.TryCreate(email.Trim(), out var parsed) && parsed.Address == email.Trim()))
        {
            validation.Add("email", "must be an email address, such as priya@firm.in.");
        }

        return email?.Trim().ToLowerInvariant();
    }

    private static List<string>? Roles(Validation validation, List<string>? roles, bool required)
    {
        if (roles is null)
        {
            validation.When(required, "roles", $"must name at least one role: {string.Join(", ", StaffRoles.All)}.");
            return null;
        }

        if (roles.Count == 0 || roles.Count > StaffRoles.All.Count)
        {
            validation.Add("roles", $"must name one to {StaffRoles.All.Count} roles: {string.Join(", ", StaffRoles.All)}.");
        }
        else if (roles.Where(r => r is null || !StaffRoles.ScopesOf.ContainsKey(r)).ToList() is { Count: > 0 } unknown)
        {
            validation.Add("roles", $"unknown: {string.Join(", ", unknown.Select(r => r ?? "null"))}. Allowed: {string.Join(", ", StaffRoles.All)}.");
        }

        return [.. roles.Distinct(StringComparer.Ordinal)];
    }

    private async Task<(bool All, List<Guid>? Tenants)> TenantsAsync(Validation validation, JsonElement? value, bool required, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case { ValueKind: JsonValueKind.String } text when text.GetString() == "all":
                return (true, []);
            case { ValueKind: JsonValueKind.Array } array:
                var ids = new List<Guid>();
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || !Guid.TryParse(item.GetString(), out var id))
                    {
                        validation.Add("tenants", "must be \"all\" or a list of tenant ids.");
                        return (false, null);
                    }

                    ids.Add(id);
                }

                ids = [.. ids.Distinct()];
                if (ids.Count is 0 or > 500)
                {
                    validation.Add("tenants", "must list one to 500 tenant ids, or be \"all\".");
                    return (false, null);
                }

                var known = await db.Tenants.Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
                if (ids.Except(known).ToList() is { Count: > 0 } missing)
                {
                    validation.Add("tenants", $"no such tenant: {string.Join(", ", missing)}.");
                }

                return (false, ids);
            default:
                validation.When(required, "tenants", "must be \"all\" or a list of tenant ids.");
                return (false, null);
        }
    }

    private static void ClientViewerRule(Validation validation, IReadOnlyList<string>? roles, bool all, List<Guid>? tenants)
    {
        if (roles?.Contains(StaffRoles.ClientViewer) == true)
        {
            validation.When(roles.Count > 1, "roles", "client-viewer is a role of its own: a client's finance team reads, and does nothing else.")
                .When(all || tenants is { Count: not 1 }, "tenants", "a client-viewer sees exactly one tenant: its own.");
        }

        if (roles?.Contains(StaffRoles.ClientApprover) == true)
        {
            validation.When(roles.Count > 1, "roles", "client-approver is a role of its own: the client's approver reads and approves credits, and is not the firm's staff.")
                .When(all || tenants is { Count: not 1 }, "tenants", "a client-approver approves for exactly one tenant: its own client.");
        }
    }
}
