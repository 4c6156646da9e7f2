namespace Cicero.Notifications.Samples.Web.Tests.Support;

/// <summary>The collection every browser test is in: one sample and one browser, tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WebSampleCollection : ICollectionFixture<WebSampleFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Web sample in a browser";
}
