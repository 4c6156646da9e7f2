using Microsoft.Extensions.Options;

namespace Cicero.Notifications.Configuration;

/// <summary>
/// An <see cref="OptionsValidationException"/> whose message puts each problem on a line of its own (the base class joins
/// the sentences with "; "), so the first line of a start-up error is the first problem, in full.
/// </summary>
internal sealed class SetupValidationException(string optionsName, Type optionsType, IEnumerable<string> failures)
    : OptionsValidationException(optionsName, optionsType, failures)
{
    public override string Message => string.Join(Environment.NewLine, Failures);
}
