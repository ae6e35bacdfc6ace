#!/bin/sh
# Creates the namespace and registers Conveyor's search attributes (idempotent). Each step is
# retried until the server answers; the script exits non-zero naming every attribute still missing.
set -eu
attempts="${REGISTER_ATTEMPTS:-90}"
# Conveyor's search attributes (dev.conveyor.workflow.JobSearchAttributes), all of type Keyword.
attributes="ConveyorStage ConveyorApproval"

# Runs a command until it succeeds, at most $attempts times, two seconds apart.
retry() {
  n=1
  until "$@" >/dev/null 2>&1; do
    if [ "$n" -ge "$attempts" ]; then
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
}

has_attribute() {
  temporal operator search-attribute list --namespace "$NAMESPACE" 2>/dev/null |
    grep -qw "$1"
}

create_attribute() {
  has_attribute "$1" ||
    temporal operator search-attribute create --namespace "$NAMESPACE" --name "$1" --type Keyword
  has_attribute "$1"
}

ensure_namespace() {
  temporal operator namespace describe --namespace "$NAMESPACE" ||
    temporal operator namespace create --namespace "$NAMESPACE" --retention 30d
  temporal operator namespace describe --namespace "$NAMESPACE"
}

if ! retry temporal operator cluster health; then
  echo "temporal-setup: Temporal at $TEMPORAL_ADDRESS did not answer after $attempts attempts" >&2
  exit 1
fi
if ! retry ensure_namespace; then
  echo "temporal-setup: namespace $NAMESPACE could not be created on $TEMPORAL_ADDRESS" >&2
  exit 1
fi
missing=""
for attribute in $attributes; do
  if ! retry create_attribute "$attribute"; then
    missing="$missing $attribute"
  fi
done
if [ -n "$missing" ]; then
  echo "temporal-setup: search attributes still missing in namespace $NAMESPACE:$missing" >&2
  exit 1
fi
echo "temporal-setup: namespace $NAMESPACE has the search attributes $attributes"
