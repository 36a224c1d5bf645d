-- Effects are plugins: a promotion stores each effect as { "type", "params" }, its parameters
-- as the effect's own schema parses them (the GraphQL input's shape: percent, appliesTo…).
-- Effects stored before in the closed shape ({ "type": "percentageOff", "basisPoints",
-- "target" }…) are rewritten into it, in one UPDATE. Function bodies hold no semicolon:
-- Prisma's PostgreSQL adapter runs a migration as statements split at every semicolon, each
-- on its own, so every statement here can run again after a failure (OR REPLACE, IF EXISTS).
CREATE OR REPLACE FUNCTION cohort_target_v2(target jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
  'SELECT CASE target->>''kind'' WHEN ''SHIPPING'' THEN jsonb_build_object(''shipping'', true) WHEN ''PRODUCTS'' THEN jsonb_build_object(''products'', target->''products'') ELSE NULL END';

-- A discount in the shape a tier holds it: { "percentageOff": {…} }, { "amountOff": {…} } or { "freeShipping": true }.
CREATE OR REPLACE FUNCTION cohort_discount_v2(e jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
  'SELECT CASE e->>''type''
     WHEN ''percentageOff'' THEN jsonb_build_object(''percentageOff'', jsonb_build_object(''percent'', round((e->>''basisPoints'')::numeric / 100, 2), ''appliesTo'', cohort_target_v2(e->''target'')))
     WHEN ''amountOff'' THEN jsonb_build_object(''amountOff'', jsonb_build_object(''amount'', e->''amount'', ''appliesTo'', cohort_target_v2(e->''target'')))
     WHEN ''freeShipping'' THEN jsonb_build_object(''freeShipping'', true)
     ELSE jsonb_build_object(e->>''type'', e - ''type'') END';

CREATE OR REPLACE FUNCTION cohort_effect_v2(e jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
  'SELECT CASE
     WHEN e->''params'' IS NOT NULL THEN e
     WHEN e->>''type'' IN (''percentageOff'', ''amountOff'', ''freeShipping'') THEN (SELECT jsonb_build_object(''type'', key, ''params'', value) FROM jsonb_each(cohort_discount_v2(e)))
     WHEN e->>''type'' = ''tiered'' THEN jsonb_build_object(''type'', ''tiered'', ''params'', jsonb_build_object(''tiers'',
       (SELECT jsonb_agg(jsonb_build_object(''minSubtotal'', t->''minSubtotal'', ''effects'',
          (SELECT jsonb_agg(cohort_discount_v2(d) ORDER BY n) FROM jsonb_array_elements(t->''effects'') WITH ORDINALITY AS x(d, n))) ORDER BY i)
        FROM jsonb_array_elements(e->''tiers'') WITH ORDINALITY AS y(t, i))))
     WHEN e->>''type'' = ''buyXGetY'' THEN jsonb_build_object(''type'', ''buyXGetY'', ''params'', jsonb_build_object(''buy'', e->''buy'', ''buyQuantity'', e->''buyQuantity'',
       ''get'', e->''get'', ''getQuantity'', e->''getQuantity'', ''percent'', round((e->>''basisPoints'')::numeric / 100, 2)))
     WHEN e->>''type'' = ''suggestion'' THEN jsonb_build_object(''type'', ''suggestion'', ''params'', jsonb_build_object(''when'', e->''when'', ''suggestSkus'', e->''suggestSkus'',
       ''percent'', round((e->>''basisPoints'')::numeric / 100, 2), ''text'', e->''text''))
     WHEN e->>''type'' = ''loyaltyPoints'' THEN jsonb_build_object(''type'', ''loyaltyPoints'', ''params'', jsonb_build_object(''earn'', e->''earn'',
       ''multiplier'', round(coalesce((e->>''multiplierPercent'')::numeric, 100) / 100, 2)))
     WHEN e->>''type'' = ''message'' THEN jsonb_build_object(''type'', ''message'', ''params'', e - ''type'')
     ELSE e END';

UPDATE "Promotion" SET "effects" = (SELECT COALESCE(jsonb_agg(cohort_effect_v2(e) ORDER BY i), '[]'::jsonb) FROM jsonb_array_elements("effects") WITH ORDINALITY AS x(e, i))
  WHERE jsonb_typeof("effects") = 'array';

DROP FUNCTION IF EXISTS cohort_effect_v2(jsonb);
DROP FUNCTION IF EXISTS cohort_discount_v2(jsonb);
DROP FUNCTION IF EXISTS cohort_target_v2(jsonb);
