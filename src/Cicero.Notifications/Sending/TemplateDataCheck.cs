using System.Collections;
using System.Text.Json;

namespace Cicero.Notifications.Sending;

/// <summary>Template data must be plain data (the sandbox never sees .NET objects): checked before anything is stored.</summary>
internal static class TemplateDataCheck
{
    private const int MaxDepth = 16;

    public static void EnsurePlain(IReadOnlyDictionary<string, object?> data)
    {
        foreach (var (key, value) in data)
        {
            if (!IsPlain(value, depth: 0))
            {
                throw new ArgumentException(
                    $"Template data '{key}' holds a {value!.GetType().Name}: use strings, numbers, booleans, dates, or lists and dictionaries of those.",
                    nameof(data));
            }
        }
    }

    private static bool IsPlain(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value)
        {
            case null or string or bool or char:
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
            case DateTime or DateTimeOffset or DateOnly or TimeOnly or TimeSpan or Guid:
            case JsonElement:
                return true;
        }

        switch (value)
        {
            case IReadOnlyDictionary<string, object?> map:
                foreach (var (_, child) in map)
                {
                    if (!IsPlain(child, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case IDictionary<string, object?> map:
                foreach (var (_, child) in map)
                {
                    if (!IsPlain(child, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            case IEnumerable list:
                foreach (var item in list)
                {
                    if (!IsPlain(item, depth + 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }
}
