/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query LifecycleAnalytics {\n    lifecycleAnalytics {\n      currency\n      rfm { scale computedAt prospects scoredCustomers revenue { formatted } cells { recency frequency monetary group customers revenue { amount } } groups { group customers customerShare revenue { formatted } revenueShare } }\n      retention { customers stages { stage customers share } }\n      retentionFlows(months: 6) { from to flows { from to customers } }\n    }\n    segments(first: 100) { edges { node { id name kind } } }\n  }\n": typeof types.LifecycleAnalyticsDocument,
    "\n  query SegmentSize($id: ID!) { node(id: $id) { __typename ... on Segment { name sizeOverTime(days: 90) { date size } } } }\n": typeof types.SegmentSizeDocument,
    "\n  query Viewer { viewer { name scopes sessionExpiresAt } }\n": typeof types.ViewerDocument,
    "\n  mutation SignOut { signOut { __typename ... on MutationSignOutSuccess { data { signedOut } } ... on Error { code message } } }\n": typeof types.SignOutDocument,
    "\n  query Customer($id: ID!) {\n    shopSettings { defaultCurrency }\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id externalId email firstName lastName phone category groups tags registeredAt status loyaltyMember loyaltyTier newsletterSubscribed marketingConsent referralSource\n        addresses { city country isDefault }\n        segments { id name }\n        segmentHistory(first: 50) { at entered cause segment { id name } }\n        retention { stage since nextStageAt expectedGapDays gapSource lastOrderAt validatedOrders }\n        orders(first: 10) { totalCount edges { node { id externalId placedAt status total { formatted } lines { quantity product { sku name } } } } }\n        productViews(first: 10) { totalCount edges { node { viewedAt product { sku name } } } }\n        carts(first: 5) { totalCount edges { node { externalId status lastActivityAt abandonedAt subtotal { formatted } lines { quantity product { sku } } } } }\n        wishlist { addedAt product { sku name } }\n      }\n    }\n  }\n": typeof types.CustomerDocument,
    "\n  query CustomerRfm($id: ID!, $currency: String!) {\n    node(id: $id) { __typename ... on Customer { rfm(currency: $currency) { group recency frequency monetary orders spent daysSinceLastOrder computedAt } } }\n  }\n": typeof types.CustomerRfmDocument,
    "\n  query Customers($search: String, $after: String) {\n    customers(first: 25, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id externalId firstName lastName email category registeredAt status } }\n    }\n  }\n": typeof types.CustomersDocument,
    "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n": typeof types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } ... on Error { code message } } }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on MutationRevokeApiKeySuccess { data { apiKey { id } } } ... on Error { message } } }\n": typeof types.RevokeApiKeyDocument,
    "\n  query Settings {\n    shopSettings { defaultCurrency timeZone cartAbandonmentMinutes }\n    rfm { lookbackDays grid { preset scale axes } thresholds { currency customers computedAt } }\n    retention { defaultGapDays useShopMedian multipliers shopMedianGapDays expectedGapDays computedAt }\n  }\n": typeof types.SettingsDocument,
    "\n  mutation UpdateShopSettings($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { code message } } }\n": typeof types.UpdateShopSettingsDocument,
    "\n  mutation UpdateRfmSettings($input: UpdateRfmSettingsInput!) { updateRfmSettings(input: $input) { __typename ... on MutationUpdateRfmSettingsSuccess { data { rfm { lookbackDays } } } ... on Error { code message } } }\n": typeof types.UpdateRfmSettingsDocument,
    "\n  mutation UpdateRetentionSettings($input: UpdateRetentionSettingsInput!) { updateRetentionSettings(input: $input) { __typename ... on MutationUpdateRetentionSettingsSuccess { data { retention { defaultGapDays } } } ... on Error { code message } } }\n": typeof types.UpdateRetentionSettingsDocument,
    "\n  query WebhookEndpoints($status: WebhookDeliveryStatus) {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id url description enabled disabledReason eventTypes createdAt\n          deliveries(first: 10, status: $status) { edges { node { id status attemptCount createdAt deliveredAt failureReason nextAttemptAt event { type } attempts { responseStatus error durationMs } } } }\n        }\n      }\n    }\n  }\n": typeof types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": typeof types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) { __typename ... on MutationUpdateWebhookEndpointSuccess { data { endpoint { id enabled } } } ... on Error { message } }\n  }\n": typeof types.UpdateWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(input: { id: $id }) { __typename ... on MutationRotateWebhookSecretSuccess { data { secret } } ... on Error { message } }\n  }\n": typeof types.RotateWebhookSecretDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) { __typename ... on MutationDeleteWebhookEndpointSuccess { data { deletedId } } ... on Error { message } }\n  }\n": typeof types.DeleteWebhookEndpointDocument,
    "\n  mutation RedeliverWebhook($delivery: ID!) {\n    redeliverWebhook(input: { delivery: $delivery }) { __typename ... on MutationRedeliverWebhookSuccess { data { delivery { id status } } } ... on Error { message } }\n  }\n": typeof types.RedeliverWebhookDocument,
    "\n  query PromotionEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        id name description status priority currency startsAt endsAt exclusive percentOfDiscounted combinesWithVouchers requiresVoucher\n        usageLimit usageLimitPerCustomer redemptionCount\n        maxDiscountPerOrder { amount } budget { amount }\n        periodicLimits { period limit perCustomer }\n        schedule { daysOfWeek startTime endTime }\n        includeSegments { id } excludeSegments { id }\n        cartRule storedEffects effectDescriptions cartRuleDescription\n      }\n    }\n  }\n": typeof types.PromotionEditorDocument,
    "\n  mutation CreatePromotion($input: CreatePromotionInput!) {\n    createPromotion(input: $input) { __typename ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": typeof types.CreatePromotionDocument,
    "\n  mutation UpdatePromotion($input: UpdatePromotionInput!) {\n    updatePromotion(input: $input) { __typename ... on MutationUpdatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": typeof types.UpdatePromotionDocument,
    "\n  query Promotions($search: String, $status: PromotionStatus, $after: String) {\n    promotions(first: 25, search: $search, status: $status, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name status priority startsAt endsAt requiresVoucher\n          schedule { daysOfWeek startTime endTime }\n          includeSegments { id name } excludeSegments { id name }\n          redemptionCount usageLimit\n          budget { amount formatted } discountGiven { amount formatted }\n        }\n      }\n    }\n  }\n": typeof types.PromotionsDocument,
    "\n  query PromotionReport($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        currency\n        report {\n          redemptions discountGiven { formatted } revenue { formatted }\n          byDay { date redemptions discountGiven { amount } revenue { amount } }\n          bySegment { segment { id name } redemptions discountGiven { formatted } revenue { formatted } }\n          byRfmGroup { group redemptions discountGiven { formatted } revenue { formatted } }\n        }\n      }\n    }\n  }\n": typeof types.PromotionReportDocument,
    "\n  query SegmentNames { segments(first: 100) { edges { node { id name } } } }\n": typeof types.SegmentNamesDocument,
    "\n  query VoucherCodes($promotion: ID!, $first: Int!, $after: String) {\n    node(id: $promotion) {\n      __typename\n      ... on Promotion { voucherCodes(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code redemptionCount usageLimit expiresAt batch } } } }\n    }\n  }\n": typeof types.VoucherCodesDocument,
    "\n  mutation GenerateVoucherCodes($input: CreateVoucherCodesInput!) {\n    createVoucherCodes(input: $input) { __typename ... on MutationCreateVoucherCodesSuccess { data { codes { code } } } ... on Error { message } }\n  }\n": typeof types.GenerateVoucherCodesDocument,
    "\n  query SegmentEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Segment {\n        id name description kind rule ruleProblem membershipRecordedSince\n        sizeOverTime(days: 30) { date size }\n        promotions { targeting promotion { id name } }\n      }\n    }\n  }\n": typeof types.SegmentEditorDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": typeof types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) { __typename ... on MutationUpdateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": typeof types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(input: { id: $id }) { __typename ... on MutationDeleteSegmentSuccess { data { deletedSegmentId } } ... on Error { message } }\n  }\n": typeof types.DeleteSegmentDocument,
    "\n  query Segments($search: String, $kind: SegmentKind, $after: String) {\n    segments(first: 25, search: $search, kind: $kind, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind memberCount ruleProblem recentChanges { entered left } promotions { targeting promotion { id name } } } }\n    }\n  }\n": typeof types.SegmentsDocument,
    "\n  query SegmentPreview($rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n  }\n": typeof types.SegmentPreviewDocument,
    "\n  query SegmentChangePreview($segment: ID!, $rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n    previewSegmentChange(segment: $segment, rule: $rule) {\n      ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving enteringSample { id externalId firstName lastName } leavingSample { id externalId firstName lastName } } }\n      ... on Error { message }\n    }\n  }\n": typeof types.SegmentChangePreviewDocument,
    "\n  query PrintSegmentQuery($rule: SegmentRuleInput!) {\n    printSegmentQuery(rule: $rule)\n  }\n": typeof types.PrintSegmentQueryDocument,
    "\n  query ParseSegmentQuery($text: String!) {\n    parseSegmentQuery(text: $text) { valid rule errors { message line column offset length replacement } }\n  }\n": typeof types.ParseSegmentQueryDocument,
    "\n  query SuggestSegmentQuery($text: String!, $position: Int!) {\n    segmentQuerySuggestions(text: $text, position: $position, first: 50) { from to complete suggestions { kind label insertText detail from to } }\n  }\n": typeof types.SuggestSegmentQueryDocument,
    "\n  mutation AddCustomersToSegment($input: StaticSegmentMembersInput!) {\n    addCustomersToSegment(input: $input) { __typename ... on MutationAddCustomersToSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } ... on NotFoundError { path } }\n  }\n": typeof types.AddCustomersToSegmentDocument,
    "\n  mutation RefreshStaticSegment($segment: ID!) {\n    refreshStaticSegment(input: { segment: $segment }) { __typename ... on MutationRefreshStaticSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } }\n  }\n": typeof types.RefreshStaticSegmentDocument,
    "\n  query SegmentTemplates { segmentTemplates { key name description ruleDescription source } }\n": typeof types.SegmentTemplatesDocument,
    "\n  mutation CreateSegmentFromTemplate($input: CreateSegmentFromTemplateInput!) {\n    createSegmentFromTemplate(input: $input) { __typename ... on MutationCreateSegmentFromTemplateSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": typeof types.CreateSegmentFromTemplateDocument,
    "\n  mutation SignIn($key: String!) {\n    signIn(input: { key: $key }) { __typename ... on MutationSignInSuccess { data { expiresAt viewer { name scopes } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": typeof types.SignInDocument,
    "\n  query SimulatorCustomers($search: String!) { customers(first: 8, filter: { search: $search }) { edges { node { id externalId firstName lastName email } } } }\n": typeof types.SimulatorCustomersDocument,
    "\n  query SimulatorProducts($search: String) { products(first: 8, filter: { search: $search }) { edges { node { sku name price { amount currency formatted } } } } shopSettings { defaultCurrency } }\n": typeof types.SimulatorProductsDocument,
    "\n  fragment RuleNodeFields on RuleExplanation { description kind met }\n": typeof types.RuleNodeFieldsFragmentDoc,
    "\n  query Simulate($input: EligibilityInput!) {\n    eligiblePromotions(input: $input) {\n      __typename\n      ... on QueryEligiblePromotionsSuccess {\n        data {\n          subtotal { formatted } discountTotal { formatted } shipping { formatted } shippingDiscount { formatted } total { formatted } totalDiscount { formatted }\n          promotions { promotion { id name } discount { formatted } }\n          notApplied { promotion { id name } reason }\n          nearlyEligible { promotion { id name } missing { formatted } }\n          messages { text promotion { name } }\n          vouchers { code applied reason }\n          freeItems { sku quantity promotion { name } }\n          suggestions { skus text promotion { name } }\n          loyaltyPoints { earns multiplier }\n        }\n      }\n      ... on Error { message }\n    }\n    explainEligibility(input: $input) {\n      __typename\n      ... on QueryExplainEligibilitySuccess {\n        data {\n          applied reason promotion { id name }\n          cartRule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } }\n          segments { member targeting segment { id name } rule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": typeof types.SimulateDocument,
};
const documents: Documents = {
    "\n  query LifecycleAnalytics {\n    lifecycleAnalytics {\n      currency\n      rfm { scale computedAt prospects scoredCustomers revenue { formatted } cells { recency frequency monetary group customers revenue { amount } } groups { group customers customerShare revenue { formatted } revenueShare } }\n      retention { customers stages { stage customers share } }\n      retentionFlows(months: 6) { from to flows { from to customers } }\n    }\n    segments(first: 100) { edges { node { id name kind } } }\n  }\n": types.LifecycleAnalyticsDocument,
    "\n  query SegmentSize($id: ID!) { node(id: $id) { __typename ... on Segment { name sizeOverTime(days: 90) { date size } } } }\n": types.SegmentSizeDocument,
    "\n  query Viewer { viewer { name scopes sessionExpiresAt } }\n": types.ViewerDocument,
    "\n  mutation SignOut { signOut { __typename ... on MutationSignOutSuccess { data { signedOut } } ... on Error { code message } } }\n": types.SignOutDocument,
    "\n  query Customer($id: ID!) {\n    shopSettings { defaultCurrency }\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id externalId email firstName lastName phone category groups tags registeredAt status loyaltyMember loyaltyTier newsletterSubscribed marketingConsent referralSource\n        addresses { city country isDefault }\n        segments { id name }\n        segmentHistory(first: 50) { at entered cause segment { id name } }\n        retention { stage since nextStageAt expectedGapDays gapSource lastOrderAt validatedOrders }\n        orders(first: 10) { totalCount edges { node { id externalId placedAt status total { formatted } lines { quantity product { sku name } } } } }\n        productViews(first: 10) { totalCount edges { node { viewedAt product { sku name } } } }\n        carts(first: 5) { totalCount edges { node { externalId status lastActivityAt abandonedAt subtotal { formatted } lines { quantity product { sku } } } } }\n        wishlist { addedAt product { sku name } }\n      }\n    }\n  }\n": types.CustomerDocument,
    "\n  query CustomerRfm($id: ID!, $currency: String!) {\n    node(id: $id) { __typename ... on Customer { rfm(currency: $currency) { group recency frequency monetary orders spent daysSinceLastOrder computedAt } } }\n  }\n": types.CustomerRfmDocument,
    "\n  query Customers($search: String, $after: String) {\n    customers(first: 25, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id externalId firstName lastName email category registeredAt status } }\n    }\n  }\n": types.CustomersDocument,
    "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n": types.ApiKeysDocument,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } ... on Error { code message } } }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on MutationRevokeApiKeySuccess { data { apiKey { id } } } ... on Error { message } } }\n": types.RevokeApiKeyDocument,
    "\n  query Settings {\n    shopSettings { defaultCurrency timeZone cartAbandonmentMinutes }\n    rfm { lookbackDays grid { preset scale axes } thresholds { currency customers computedAt } }\n    retention { defaultGapDays useShopMedian multipliers shopMedianGapDays expectedGapDays computedAt }\n  }\n": types.SettingsDocument,
    "\n  mutation UpdateShopSettings($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { code message } } }\n": types.UpdateShopSettingsDocument,
    "\n  mutation UpdateRfmSettings($input: UpdateRfmSettingsInput!) { updateRfmSettings(input: $input) { __typename ... on MutationUpdateRfmSettingsSuccess { data { rfm { lookbackDays } } } ... on Error { code message } } }\n": types.UpdateRfmSettingsDocument,
    "\n  mutation UpdateRetentionSettings($input: UpdateRetentionSettingsInput!) { updateRetentionSettings(input: $input) { __typename ... on MutationUpdateRetentionSettingsSuccess { data { retention { defaultGapDays } } } ... on Error { code message } } }\n": types.UpdateRetentionSettingsDocument,
    "\n  query WebhookEndpoints($status: WebhookDeliveryStatus) {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id url description enabled disabledReason eventTypes createdAt\n          deliveries(first: 10, status: $status) { edges { node { id status attemptCount createdAt deliveredAt failureReason nextAttemptAt event { type } attempts { responseStatus error durationMs } } } }\n        }\n      }\n    }\n  }\n": types.WebhookEndpointsDocument,
    "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": types.CreateWebhookEndpointDocument,
    "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) { __typename ... on MutationUpdateWebhookEndpointSuccess { data { endpoint { id enabled } } } ... on Error { message } }\n  }\n": types.UpdateWebhookEndpointDocument,
    "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(input: { id: $id }) { __typename ... on MutationRotateWebhookSecretSuccess { data { secret } } ... on Error { message } }\n  }\n": types.RotateWebhookSecretDocument,
    "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) { __typename ... on MutationDeleteWebhookEndpointSuccess { data { deletedId } } ... on Error { message } }\n  }\n": types.DeleteWebhookEndpointDocument,
    "\n  mutation RedeliverWebhook($delivery: ID!) {\n    redeliverWebhook(input: { delivery: $delivery }) { __typename ... on MutationRedeliverWebhookSuccess { data { delivery { id status } } } ... on Error { message } }\n  }\n": types.RedeliverWebhookDocument,
    "\n  query PromotionEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        id name description status priority currency startsAt endsAt exclusive percentOfDiscounted combinesWithVouchers requiresVoucher\n        usageLimit usageLimitPerCustomer redemptionCount\n        maxDiscountPerOrder { amount } budget { amount }\n        periodicLimits { period limit perCustomer }\n        schedule { daysOfWeek startTime endTime }\n        includeSegments { id } excludeSegments { id }\n        cartRule storedEffects effectDescriptions cartRuleDescription\n      }\n    }\n  }\n": types.PromotionEditorDocument,
    "\n  mutation CreatePromotion($input: CreatePromotionInput!) {\n    createPromotion(input: $input) { __typename ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": types.CreatePromotionDocument,
    "\n  mutation UpdatePromotion($input: UpdatePromotionInput!) {\n    updatePromotion(input: $input) { __typename ... on MutationUpdatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": types.UpdatePromotionDocument,
    "\n  query Promotions($search: String, $status: PromotionStatus, $after: String) {\n    promotions(first: 25, search: $search, status: $status, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name status priority startsAt endsAt requiresVoucher\n          schedule { daysOfWeek startTime endTime }\n          includeSegments { id name } excludeSegments { id name }\n          redemptionCount usageLimit\n          budget { amount formatted } discountGiven { amount formatted }\n        }\n      }\n    }\n  }\n": types.PromotionsDocument,
    "\n  query PromotionReport($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        currency\n        report {\n          redemptions discountGiven { formatted } revenue { formatted }\n          byDay { date redemptions discountGiven { amount } revenue { amount } }\n          bySegment { segment { id name } redemptions discountGiven { formatted } revenue { formatted } }\n          byRfmGroup { group redemptions discountGiven { formatted } revenue { formatted } }\n        }\n      }\n    }\n  }\n": types.PromotionReportDocument,
    "\n  query SegmentNames { segments(first: 100) { edges { node { id name } } } }\n": types.SegmentNamesDocument,
    "\n  query VoucherCodes($promotion: ID!, $first: Int!, $after: String) {\n    node(id: $promotion) {\n      __typename\n      ... on Promotion { voucherCodes(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code redemptionCount usageLimit expiresAt batch } } } }\n    }\n  }\n": types.VoucherCodesDocument,
    "\n  mutation GenerateVoucherCodes($input: CreateVoucherCodesInput!) {\n    createVoucherCodes(input: $input) { __typename ... on MutationCreateVoucherCodesSuccess { data { codes { code } } } ... on Error { message } }\n  }\n": types.GenerateVoucherCodesDocument,
    "\n  query SegmentEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Segment {\n        id name description kind rule ruleProblem membershipRecordedSince\n        sizeOverTime(days: 30) { date size }\n        promotions { targeting promotion { id name } }\n      }\n    }\n  }\n": types.SegmentEditorDocument,
    "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": types.CreateSegmentDocument,
    "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) { __typename ... on MutationUpdateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": types.UpdateSegmentDocument,
    "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(input: { id: $id }) { __typename ... on MutationDeleteSegmentSuccess { data { deletedSegmentId } } ... on Error { message } }\n  }\n": types.DeleteSegmentDocument,
    "\n  query Segments($search: String, $kind: SegmentKind, $after: String) {\n    segments(first: 25, search: $search, kind: $kind, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind memberCount ruleProblem recentChanges { entered left } promotions { targeting promotion { id name } } } }\n    }\n  }\n": types.SegmentsDocument,
    "\n  query SegmentPreview($rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n  }\n": types.SegmentPreviewDocument,
    "\n  query SegmentChangePreview($segment: ID!, $rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n    previewSegmentChange(segment: $segment, rule: $rule) {\n      ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving enteringSample { id externalId firstName lastName } leavingSample { id externalId firstName lastName } } }\n      ... on Error { message }\n    }\n  }\n": types.SegmentChangePreviewDocument,
    "\n  query PrintSegmentQuery($rule: SegmentRuleInput!) {\n    printSegmentQuery(rule: $rule)\n  }\n": types.PrintSegmentQueryDocument,
    "\n  query ParseSegmentQuery($text: String!) {\n    parseSegmentQuery(text: $text) { valid rule errors { message line column offset length replacement } }\n  }\n": types.ParseSegmentQueryDocument,
    "\n  query SuggestSegmentQuery($text: String!, $position: Int!) {\n    segmentQuerySuggestions(text: $text, position: $position, first: 50) { from to complete suggestions { kind label insertText detail from to } }\n  }\n": types.SuggestSegmentQueryDocument,
    "\n  mutation AddCustomersToSegment($input: StaticSegmentMembersInput!) {\n    addCustomersToSegment(input: $input) { __typename ... on MutationAddCustomersToSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } ... on NotFoundError { path } }\n  }\n": types.AddCustomersToSegmentDocument,
    "\n  mutation RefreshStaticSegment($segment: ID!) {\n    refreshStaticSegment(input: { segment: $segment }) { __typename ... on MutationRefreshStaticSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } }\n  }\n": types.RefreshStaticSegmentDocument,
    "\n  query SegmentTemplates { segmentTemplates { key name description ruleDescription source } }\n": types.SegmentTemplatesDocument,
    "\n  mutation CreateSegmentFromTemplate($input: CreateSegmentFromTemplateInput!) {\n    createSegmentFromTemplate(input: $input) { __typename ... on MutationCreateSegmentFromTemplateSuccess { data { segment { id } } } ... on Error { message } }\n  }\n": types.CreateSegmentFromTemplateDocument,
    "\n  mutation SignIn($key: String!) {\n    signIn(input: { key: $key }) { __typename ... on MutationSignInSuccess { data { expiresAt viewer { name scopes } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n": types.SignInDocument,
    "\n  query SimulatorCustomers($search: String!) { customers(first: 8, filter: { search: $search }) { edges { node { id externalId firstName lastName email } } } }\n": types.SimulatorCustomersDocument,
    "\n  query SimulatorProducts($search: String) { products(first: 8, filter: { search: $search }) { edges { node { sku name price { amount currency formatted } } } } shopSettings { defaultCurrency } }\n": types.SimulatorProductsDocument,
    "\n  fragment RuleNodeFields on RuleExplanation { description kind met }\n": types.RuleNodeFieldsFragmentDoc,
    "\n  query Simulate($input: EligibilityInput!) {\n    eligiblePromotions(input: $input) {\n      __typename\n      ... on QueryEligiblePromotionsSuccess {\n        data {\n          subtotal { formatted } discountTotal { formatted } shipping { formatted } shippingDiscount { formatted } total { formatted } totalDiscount { formatted }\n          promotions { promotion { id name } discount { formatted } }\n          notApplied { promotion { id name } reason }\n          nearlyEligible { promotion { id name } missing { formatted } }\n          messages { text promotion { name } }\n          vouchers { code applied reason }\n          freeItems { sku quantity promotion { name } }\n          suggestions { skus text promotion { name } }\n          loyaltyPoints { earns multiplier }\n        }\n      }\n      ... on Error { message }\n    }\n    explainEligibility(input: $input) {\n      __typename\n      ... on QueryExplainEligibilitySuccess {\n        data {\n          applied reason promotion { id name }\n          cartRule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } }\n          segments { member targeting segment { id name } rule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n": types.SimulateDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LifecycleAnalytics {\n    lifecycleAnalytics {\n      currency\n      rfm { scale computedAt prospects scoredCustomers revenue { formatted } cells { recency frequency monetary group customers revenue { amount } } groups { group customers customerShare revenue { formatted } revenueShare } }\n      retention { customers stages { stage customers share } }\n      retentionFlows(months: 6) { from to flows { from to customers } }\n    }\n    segments(first: 100) { edges { node { id name kind } } }\n  }\n"): typeof import('./graphql').LifecycleAnalyticsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentSize($id: ID!) { node(id: $id) { __typename ... on Segment { name sizeOverTime(days: 90) { date size } } } }\n"): typeof import('./graphql').SegmentSizeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer { viewer { name scopes sessionExpiresAt } }\n"): typeof import('./graphql').ViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut { signOut { __typename ... on MutationSignOutSuccess { data { signedOut } } ... on Error { code message } } }\n"): typeof import('./graphql').SignOutDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customer($id: ID!) {\n    shopSettings { defaultCurrency }\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id externalId email firstName lastName phone category groups tags registeredAt status loyaltyMember loyaltyTier newsletterSubscribed marketingConsent referralSource\n        addresses { city country isDefault }\n        segments { id name }\n        segmentHistory(first: 50) { at entered cause segment { id name } }\n        retention { stage since nextStageAt expectedGapDays gapSource lastOrderAt validatedOrders }\n        orders(first: 10) { totalCount edges { node { id externalId placedAt status total { formatted } lines { quantity product { sku name } } } } }\n        productViews(first: 10) { totalCount edges { node { viewedAt product { sku name } } } }\n        carts(first: 5) { totalCount edges { node { externalId status lastActivityAt abandonedAt subtotal { formatted } lines { quantity product { sku } } } } }\n        wishlist { addedAt product { sku name } }\n      }\n    }\n  }\n"): typeof import('./graphql').CustomerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerRfm($id: ID!, $currency: String!) {\n    node(id: $id) { __typename ... on Customer { rfm(currency: $currency) { group recency frequency monetary orders spent daysSinceLastOrder computedAt } } }\n  }\n"): typeof import('./graphql').CustomerRfmDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customers($search: String, $after: String) {\n    customers(first: 25, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id externalId firstName lastName email category registeredAt status } }\n    }\n  }\n"): typeof import('./graphql').CustomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys { apiKeys(first: 100) { edges { node { id name prefix scopes createdAt lastUsedAt revokedAt } } } }\n"): typeof import('./graphql').ApiKeysDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { data { secret apiKey { id } } } ... on Error { code message } } }\n"): typeof import('./graphql').CreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) { revokeApiKey(input: { id: $id }) { __typename ... on MutationRevokeApiKeySuccess { data { apiKey { id } } } ... on Error { message } } }\n"): typeof import('./graphql').RevokeApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Settings {\n    shopSettings { defaultCurrency timeZone cartAbandonmentMinutes }\n    rfm { lookbackDays grid { preset scale axes } thresholds { currency customers computedAt } }\n    retention { defaultGapDays useShopMedian multipliers shopMedianGapDays expectedGapDays computedAt }\n  }\n"): typeof import('./graphql').SettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateShopSettings($input: UpdateShopSettingsInput!) { updateShopSettings(input: $input) { __typename ... on MutationUpdateShopSettingsSuccess { data { shopSettings { timeZone } } } ... on Error { code message } } }\n"): typeof import('./graphql').UpdateShopSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRfmSettings($input: UpdateRfmSettingsInput!) { updateRfmSettings(input: $input) { __typename ... on MutationUpdateRfmSettingsSuccess { data { rfm { lookbackDays } } } ... on Error { code message } } }\n"): typeof import('./graphql').UpdateRfmSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateRetentionSettings($input: UpdateRetentionSettingsInput!) { updateRetentionSettings(input: $input) { __typename ... on MutationUpdateRetentionSettingsSuccess { data { retention { defaultGapDays } } } ... on Error { code message } } }\n"): typeof import('./graphql').UpdateRetentionSettingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookEndpoints($status: WebhookDeliveryStatus) {\n    webhookEndpoints(first: 10) {\n      edges {\n        node {\n          id url description enabled disabledReason eventTypes createdAt\n          deliveries(first: 10, status: $status) { edges { node { id status attemptCount createdAt deliveredAt failureReason nextAttemptAt event { type } attempts { responseStatus error durationMs } } } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebhookEndpointsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {\n    createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { data { secret endpoint { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n"): typeof import('./graphql').CreateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {\n    updateWebhookEndpoint(input: $input) { __typename ... on MutationUpdateWebhookEndpointSuccess { data { endpoint { id enabled } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').UpdateWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateWebhookSecret($id: ID!) {\n    rotateWebhookSecret(input: { id: $id }) { __typename ... on MutationRotateWebhookSecretSuccess { data { secret } } ... on Error { message } }\n  }\n"): typeof import('./graphql').RotateWebhookSecretDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhookEndpoint($id: ID!) {\n    deleteWebhookEndpoint(input: { id: $id }) { __typename ... on MutationDeleteWebhookEndpointSuccess { data { deletedId } } ... on Error { message } }\n  }\n"): typeof import('./graphql').DeleteWebhookEndpointDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeliverWebhook($delivery: ID!) {\n    redeliverWebhook(input: { delivery: $delivery }) { __typename ... on MutationRedeliverWebhookSuccess { data { delivery { id status } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').RedeliverWebhookDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromotionEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        id name description status priority currency startsAt endsAt exclusive percentOfDiscounted combinesWithVouchers requiresVoucher\n        usageLimit usageLimitPerCustomer redemptionCount\n        maxDiscountPerOrder { amount } budget { amount }\n        periodicLimits { period limit perCustomer }\n        schedule { daysOfWeek startTime endTime }\n        includeSegments { id } excludeSegments { id }\n        cartRule storedEffects effectDescriptions cartRuleDescription\n      }\n    }\n  }\n"): typeof import('./graphql').PromotionEditorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePromotion($input: CreatePromotionInput!) {\n    createPromotion(input: $input) { __typename ... on MutationCreatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n"): typeof import('./graphql').CreatePromotionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePromotion($input: UpdatePromotionInput!) {\n    updatePromotion(input: $input) { __typename ... on MutationUpdatePromotionSuccess { data { promotion { id } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n"): typeof import('./graphql').UpdatePromotionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Promotions($search: String, $status: PromotionStatus, $after: String) {\n    promotions(first: 25, search: $search, status: $status, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name status priority startsAt endsAt requiresVoucher\n          schedule { daysOfWeek startTime endTime }\n          includeSegments { id name } excludeSegments { id name }\n          redemptionCount usageLimit\n          budget { amount formatted } discountGiven { amount formatted }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PromotionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromotionReport($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Promotion {\n        currency\n        report {\n          redemptions discountGiven { formatted } revenue { formatted }\n          byDay { date redemptions discountGiven { amount } revenue { amount } }\n          bySegment { segment { id name } redemptions discountGiven { formatted } revenue { formatted } }\n          byRfmGroup { group redemptions discountGiven { formatted } revenue { formatted } }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').PromotionReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentNames { segments(first: 100) { edges { node { id name } } } }\n"): typeof import('./graphql').SegmentNamesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VoucherCodes($promotion: ID!, $first: Int!, $after: String) {\n    node(id: $promotion) {\n      __typename\n      ... on Promotion { voucherCodes(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { code redemptionCount usageLimit expiresAt batch } } } }\n    }\n  }\n"): typeof import('./graphql').VoucherCodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GenerateVoucherCodes($input: CreateVoucherCodesInput!) {\n    createVoucherCodes(input: $input) { __typename ... on MutationCreateVoucherCodesSuccess { data { codes { code } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').GenerateVoucherCodesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentEditor($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Segment {\n        id name description kind rule ruleProblem membershipRecordedSince\n        sizeOverTime(days: 30) { date size }\n        promotions { targeting promotion { id name } }\n      }\n    }\n  }\n"): typeof import('./graphql').SegmentEditorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegment($input: CreateSegmentInput!) {\n    createSegment(input: $input) { __typename ... on MutationCreateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').CreateSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSegment($input: UpdateSegmentInput!) {\n    updateSegment(input: $input) { __typename ... on MutationUpdateSegmentSuccess { data { segment { id } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').UpdateSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSegment($id: ID!) {\n    deleteSegment(input: { id: $id }) { __typename ... on MutationDeleteSegmentSuccess { data { deletedSegmentId } } ... on Error { message } }\n  }\n"): typeof import('./graphql').DeleteSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Segments($search: String, $kind: SegmentKind, $after: String) {\n    segments(first: 25, search: $search, kind: $kind, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges { node { id name kind memberCount ruleProblem recentChanges { entered left } promotions { targeting promotion { id name } } } }\n    }\n  }\n"): typeof import('./graphql').SegmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentPreview($rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n  }\n"): typeof import('./graphql').SegmentPreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentChangePreview($segment: ID!, $rule: SegmentRuleInput!) {\n    previewSegment(rule: $rule) { memberCount ruleDescription sample { id externalId firstName lastName } }\n    customers(first: 1) { totalCount }\n    previewSegmentChange(segment: $segment, rule: $rule) {\n      ... on QueryPreviewSegmentChangeSuccess { data { currentCount newCount entering leaving enteringSample { id externalId firstName lastName } leavingSample { id externalId firstName lastName } } }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql').SegmentChangePreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PrintSegmentQuery($rule: SegmentRuleInput!) {\n    printSegmentQuery(rule: $rule)\n  }\n"): typeof import('./graphql').PrintSegmentQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ParseSegmentQuery($text: String!) {\n    parseSegmentQuery(text: $text) { valid rule errors { message line column offset length replacement } }\n  }\n"): typeof import('./graphql').ParseSegmentQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SuggestSegmentQuery($text: String!, $position: Int!) {\n    segmentQuerySuggestions(text: $text, position: $position, first: 50) { from to complete suggestions { kind label insertText detail from to } }\n  }\n"): typeof import('./graphql').SuggestSegmentQueryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddCustomersToSegment($input: StaticSegmentMembersInput!) {\n    addCustomersToSegment(input: $input) { __typename ... on MutationAddCustomersToSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } ... on NotFoundError { path } }\n  }\n"): typeof import('./graphql').AddCustomersToSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshStaticSegment($segment: ID!) {\n    refreshStaticSegment(input: { segment: $segment }) { __typename ... on MutationRefreshStaticSegmentSuccess { data { segment { id memberCount } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').RefreshStaticSegmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SegmentTemplates { segmentTemplates { key name description ruleDescription source } }\n"): typeof import('./graphql').SegmentTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSegmentFromTemplate($input: CreateSegmentFromTemplateInput!) {\n    createSegmentFromTemplate(input: $input) { __typename ... on MutationCreateSegmentFromTemplateSuccess { data { segment { id } } } ... on Error { message } }\n  }\n"): typeof import('./graphql').CreateSegmentFromTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($key: String!) {\n    signIn(input: { key: $key }) { __typename ... on MutationSignInSuccess { data { expiresAt viewer { name scopes } } } ... on Error { message } ... on InvalidInputError { path } }\n  }\n"): typeof import('./graphql').SignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulatorCustomers($search: String!) { customers(first: 8, filter: { search: $search }) { edges { node { id externalId firstName lastName email } } } }\n"): typeof import('./graphql').SimulatorCustomersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SimulatorProducts($search: String) { products(first: 8, filter: { search: $search }) { edges { node { sku name price { amount currency formatted } } } } shopSettings { defaultCurrency } }\n"): typeof import('./graphql').SimulatorProductsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RuleNodeFields on RuleExplanation { description kind met }\n"): typeof import('./graphql').RuleNodeFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Simulate($input: EligibilityInput!) {\n    eligiblePromotions(input: $input) {\n      __typename\n      ... on QueryEligiblePromotionsSuccess {\n        data {\n          subtotal { formatted } discountTotal { formatted } shipping { formatted } shippingDiscount { formatted } total { formatted } totalDiscount { formatted }\n          promotions { promotion { id name } discount { formatted } }\n          notApplied { promotion { id name } reason }\n          nearlyEligible { promotion { id name } missing { formatted } }\n          messages { text promotion { name } }\n          vouchers { code applied reason }\n          freeItems { sku quantity promotion { name } }\n          suggestions { skus text promotion { name } }\n          loyaltyPoints { earns multiplier }\n        }\n      }\n      ... on Error { message }\n    }\n    explainEligibility(input: $input) {\n      __typename\n      ... on QueryExplainEligibilitySuccess {\n        data {\n          applied reason promotion { id name }\n          cartRule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } }\n          segments { member targeting segment { id name } rule { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields children { ...RuleNodeFields } } } } } }\n        }\n      }\n      ... on Error { message }\n    }\n  }\n"): typeof import('./graphql').SimulateDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
