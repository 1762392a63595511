using ArPlatform.BuildingBlocks.Formatting;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Disputes;

/// <summary>
/// Who may reduce what a customer owes without cash by resolving a dispute (segregation of duties): a collector may
/// resolve a dispute as invalid, but a credit needs credits.approve, and a credit above the tenant's limit the client's
/// own approval (its client-approver, or its API client: the client organisation's own system).
/// </summary>
public static class CreditRights
{
    public sealed record Refused(string Title, string Detail);

    public static Refused? Refusal(Actor actor, decimal credit, decimal? limit)
    {
        if (credit <= 0)
        {
            return null;
        }

        if (!actor.Holds(Scopes.CreditsApprove))
        {
            return new Refused("Resolving with a credit needs the credits.approve right.",
                $"A credit of {IndianMoney.Format(credit)} reduces what the customer owes without cash: a team lead or the client's approver must resolve it. " +
                "Resolve it as invalid, or ask one of them.");
        }

        if (credit > limit && !actor.IsApiClient && !actor.HasRole(StaffRoleNames.ClientApprover))
        {
            return new Refused("The credit is above what a team lead may approve.",
                $"The client approves credits above {IndianMoney.Format(limit.Value)} itself (collection settings, creditApprovalLimit): " +
                $"ask the client's approver to resolve this credit of {IndianMoney.Format(credit)}.");
        }

        return null;
    }
}
