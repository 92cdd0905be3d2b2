"""A typed walk through antq's Python API; mypy checks it in strict mode and the tests run it."""

from __future__ import annotations

import antq


def communes_of(graph: antq.OrgGraph, district: str) -> list[str]:
    """The commune-level units a district contains."""
    return graph.children(district)


def commune_police(graph: antq.OrgGraph, district: str) -> list[str]:
    """The commune police of one district, picked with a composed selector."""
    selector = antq.Selector.kind("police") & antq.Selector.level("commune") & antq.Selector.within(district)
    return graph.select(selector)


def main() -> None:
    graph = antq.datasets.hai_duong_2024()
    district = graph.unit("296")
    print(f"{district.name} ({district.attributes['type']}): {len(communes_of(graph, '296'))} communes")
    print(f"commune police in {district.name}: {len(commune_police(graph, '296'))}")

    chains: list[list[str]] = graph.chains_of_command("296.police")
    for chain in chains:
        print(" -> ".join(graph.unit(u).name for u in chain))

    head = graph.head("30.pc")
    if head is not None:
        print(f"head of {graph.unit('30.pc').name}: {graph.unit(head).attributes.get('holder')}")

    units, ties = graph.to_pandas()
    print(units.groupby("level").size().to_dict(), len(ties))

    directive: antq.Directive = antq.datasets.directive_2024()
    table = antq.compile(directive, graph)
    first: antq.directive.Task = directive.tasks[0]
    print(f"clause {first.clause}: {len(table.units_of(first.clause, 'lead'))} lead units")
    reach = table.reach()
    print(f"unreached: {len(reach['unreached'])}; path to 10987.pc: {reach['paths']['10987.pc']}")

    try:
        graph.unit("no-such-unit")
    except antq.NotFoundError as error:
        print(f"{error.tag} at {error.where}")


if __name__ == "__main__":
    main()
