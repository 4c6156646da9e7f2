using Cicero.Notifications.Domain;

namespace Cicero.Notifications.Samples.Web.Sample;

/// <summary>One borrower in the register.</summary>
/// <param name="Id">The borrower id.</param>
/// <param name="Name">The name.</param>
/// <param name="Index">The position in the register, which decides the seeded situation.</param>
public sealed record RegisteredBorrower(BorrowerId Id, string Name, int Index);
