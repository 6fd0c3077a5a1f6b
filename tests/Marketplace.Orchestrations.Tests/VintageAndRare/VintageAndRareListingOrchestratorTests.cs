using System.Collections.Concurrent;
using Marketplace.Orchestrations.Sync.Products;
using Marketplace.Orchestrations.Tests.Sync.Orchestrators;
using Marketplace.Orchestrations.VintageAndRare;
using Marketplace.Shared.Catalog;
using Marketplace.Shared.Catalog.Outbox;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Marketplace.Orchestrations.Tests.VintageAndRare;

/// <summary>The Vintage &amp; Rare listing workflow on the in-memory host: push, moderation follow-up on durable timers, flag at the deadline.</summary>
public sealed class VintageAndRareListingOrchestratorTests
{
    private static readonly VintageAndRareWorkflowOptions Fast = new() { PollInterval = TimeSpan.FromMilliseconds(200), PendingTimeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task NewListing_IsCheckedOnTimers_UntilModerationMakesItActive()
    {
        var statuses = new ConcurrentQueue<string?>(["PENDING", "PENDING", "PENDING", "ACTIVE"]);
        var checks = new ConcurrentBag<VintageAndRareStatusCheck>();
        await using var host = await StartAsync(Fast, push => new ListingPushOutcome(push.Platform, push.Action, true, false, "vr-7", null, null), check =>
        {
            checks.Add(check);
            return statuses.TryDequeue(out var status) ? status : "ACTIVE";
        });

        var result = await host.RunAsync<VintageAndRareListingOrchestrator, VintageAndRareListingProgress>(new VintageAndRareListingRequest("VR-1", ListingAction.Upsert));

        result.Phase.ShouldBe("done");
        result.Status.ShouldBe("ACTIVE");
        result.Checks.ShouldBe(3);
        result.Push!.ExternalId.ShouldBe("vr-7");
        checks.Count.ShouldBe(4);
        checks.ShouldAllBe(c => c.GaveUpAfter == null, "no check before the deadline flags");
    }

    [Fact]
    public async Task ListingStillPendingAtTheDeadline_IsFlaggedByTheLastCheck()
    {
        var checks = new ConcurrentBag<VintageAndRareStatusCheck>();
        var options = new VintageAndRareWorkflowOptions { PollInterval = TimeSpan.FromMilliseconds(300), PendingTimeout = TimeSpan.FromSeconds(1) };
        await using var host = await StartAsync(options, push => new ListingPushOutcome(push.Platform, push.Action, true, false, "vr-8", null, null), check =>
        {
            checks.Add(check);
            return "PENDING";
        });

        var result = await host.RunAsync<VintageAndRareListingOrchestrator, VintageAndRareListingProgress>(new VintageAndRareListingRequest("VR-2", ListingAction.Upsert));

        result.Phase.ShouldBe("flagged");
        result.Status.ShouldBe("PENDING");
        checks.Count(c => c.GaveUpAfter == options.PendingTimeout).ShouldBe(1);
    }

    [Fact]
    public async Task FailedPush_EndsWithoutChecks()
    {
        var checks = 0;
        await using var host = await StartAsync(Fast, _ => throw new HttpRequestException("site down"), _ =>
        {
            Interlocked.Increment(ref checks);
            return "ACTIVE";
        });

        var result = await host.RunAsync<VintageAndRareListingOrchestrator, VintageAndRareListingProgress>(new VintageAndRareListingRequest("VR-3", ListingAction.Upsert));

        result.Phase.ShouldBe("failed");
        result.Push!.Error.ShouldBe("site down");
        checks.ShouldBe(0);
    }

    [Fact]
    public async Task PushProduct_HandsVintageAndRareToTheBackground_AndPushesTheOthersItself()
    {
        var pushed = new ConcurrentBag<Platform>();
        var started = new ConcurrentBag<ListingPush>();
        await using var host = await OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<PushProductOrchestrator>(sp)
            .AddActivityFunc<PushProductInput, ProductPushPlan>(nameof(PlanPushActivity), (_, input) =>
                new ProductPushPlan(input.Sku, 2, [new ListingPush(input.Sku, Platform.Reverb, ListingAction.Upsert), new ListingPush(input.Sku, Platform.VintageAndRare, ListingAction.Upsert)], null))
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, push) =>
            {
                pushed.Add(push.Platform);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, "x", null, null);
            })
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(StartVintageAndRareListingActivity), (_, push) =>
            {
                started.Add(push);
                return new ListingPushOutcome(push.Platform, push.Action, true, false, null, null, null);
            }));

        var result = await host.RunAsync<PushProductOrchestrator, ProductPushResult>(new PushProductInput("VR-4", 2, "edit"));

        pushed.ShouldBe([Platform.Reverb]);
        started.ShouldHaveSingleItem().ShouldBe(new ListingPush("VR-4", Platform.VintageAndRare, ListingAction.Upsert));
        result.Platforms.ShouldAllBe(p => p.Succeeded);
    }

    private static Task<Microsoft.DurableTask.Testing.DurableTaskTestHost> StartAsync(VintageAndRareWorkflowOptions workflow,
        Func<ListingPush, ListingPushOutcome> push, Func<VintageAndRareStatusCheck, string?> check) =>
        OrchestratorHost.StartAsync((r, sp) => r
            .AddOrchestrator<VintageAndRareListingOrchestrator>(sp)
            .AddActivityFunc<ListingPush, ListingPushOutcome>(nameof(PushListingActivity), (_, input) => push(input))
            .AddActivityFunc<VintageAndRareStatusCheck, string?>(nameof(CheckVintageAndRareStatusActivity), (_, input) => check(input)),
            services => services.AddSingleton(workflow));
}
