#!/bin/sh
# Creates the namespace and registers Conveyor's search attributes (idempotent).
set -eu
until temporal operator cluster health >/dev/null 2>&1; do sleep 2; done
temporal operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1 ||
  temporal operator namespace create --namespace "$NAMESPACE" --retention 30d
for attribute in ConveyorStage ConveyorApproval; do
  temporal operator search-attribute create --namespace "$NAMESPACE" \
    --name "$attribute" --type Keyword 2>/dev/null || true
done
temporal operator search-attribute list --namespace "$NAMESPACE"
