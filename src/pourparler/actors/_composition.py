"""Actor stage 2: role words composed with their owners ("le porte-parole du Kremlin",
"Russia's foreign ministry", "Swedish and Danish jets")."""

from __future__ import annotations

from pourparler.actors import _lexicon as lx
from pourparler.actors._knowledge import RoleWord
from pourparler.actors._matching import _Matcher
from pourparler.actors._spans import _ATTACH_DEPS, _GROUP_SECTORS, _MAX_COMPOSE_DEPTH, Token, _Span
from pourparler.model import Actor


class _Composer(_Matcher):
    def _compose_all(self) -> None:
        for head, span in self.roles.items():
            if span.actor is None:
                self._compose(head, 0)

    def _compose(self, head: int, depth: int) -> tuple[Actor | None, int, set[str]]:
        """(actor or None, rightmost/leftmost token used, stance countries) of a role head."""
        hit = self.composed.get(head)
        if hit is not None:
            return hit
        span = self.roles[head]
        role = span.role
        assert role is not None
        doc = self.doc
        base: Actor | None = None
        used = head
        stances: set[str] = set()
        for tok_i, anchor in self._attachments(span):
            if tok_i in self.stance:
                stances.add(self.stance[tok_i])
                continue
            found = self._owner_actor(tok_i, depth)
            owner_role = self.roles[tok_i].role if tok_i in self.roles else None
            if (found is None and owner_role is not None and owner_role.sector in _GROUP_SECTORS
                    and role.sector not in _GROUP_SECTORS):
                # "les chefs des séparatistes", "le chef de la guérilla": the group's own
                # people, whose state the context will give as it gives the group's
                role = span.role = RoleWord(role.form, owner_role.sector, role.person,
                                            owner_role.contextual)
            if found is not None:
                base, used = found, anchor
                if base.country and not base.org:
                    # the demonym's conjuncts, or a demonym the French model coordinates with
                    # the role noun itself (« les soldats français et allemands », « avions de
                    # chasse suédois et danois »)
                    conjoined = [*doc[tok_i].conjuncts, *(
                        c for i in range(span.start, span.end) for c in doc[i].children
                        if c.dep_ == "conj" and not span.start <= c.i < span.end)]
                    span.also = tuple(dict.fromkeys(
                        c for c in map(self._demonym_state, conjoined)
                        if c is not None and c != base.country))
                idx = self.name_at[tok_i]
                if idx >= 0:  # the whole name belongs to the phrase ("Maison Blanche")
                    lo, hi = self.names[idx].start, self.names[idx].end - 1
                    used = hi if hi > head else lo
                elif tok_i in self.roles and self.roles[tok_i].text_end > 0:
                    sub = self.roles[tok_i]
                    used = sub.text_end - 1 if sub.text_end - 1 > head else sub.text_start
                break
        if base is None:
            # Parser slips: a demonym right after (French) or before (English) the role noun.
            for j in (span.end, span.start - 1):
                if 0 <= j < len(doc) and j in self.adj_demonym:
                    base = self._country_actor(self.adj_demonym[j], doc[j].text)
                    used = j
                    break
        span.text_start = min(span.start, used)
        span.text_end = max(span.end, used + 1)
        text = doc[span.text_start:span.text_end].text
        actor = None
        if base is not None and (base.country or base.org):
            sector = role.sector or base.sector
            if base.org is None and base.sector in _GROUP_SECTORS:
                # the leader, spokesman or fighters of an armed group or party are that group
                # ("le chef des FARC", "Hamas officials"), not a government
                sector = base.sector
            if sector is None and role.person and base.org is None and (
                    base.name == self.kn.country_name.get(base.country or "")):
                # A state's spokesman or adviser ("porte-parole russe") speaks for its
                # government.
                sector = "GOV"
            cameo = None
            if base.org is None and base.sector == sector and base.cameo != self.kn.cameo_for(
                    base.country, None, base.sector):
                cameo = base.cameo  # a group's own code (e.g. a user's SYRREB)
            actor = self.kn.actor(base.name, text, base.country, base.org, sector, cameo)
        span.actor = actor
        result = (actor, used, stances)
        self.composed[head] = result
        return result

    def _attachments(self, span: _Span) -> list[tuple[int, int]]:
        """Tokens that may name the owner of a role phrase, nearest first, with the token that
        links them to the phrase (for the mention's extent)."""
        doc = self.doc
        out: list[tuple[int, int]] = []
        for i in range(span.start, span.end):
            for child in doc[i].children:
                if span.start <= child.i < span.end:
                    continue
                dep = child.dep_
                if dep == "prep" and child.lower_ in lx.OWNER_CASES:
                    out.extend((g.i, g.i) for g in child.children if g.dep_ == "pobj")
                elif dep in _ATTACH_DEPS:
                    if dep == "nmod" and not self._owner_case(child):
                        continue  # "soldats russes en Ukraine": a place, not an owner
                    out.append((child.i, child.i))
                    # One level down: "chef de la diplomatie russe", "ministère russe".
                    if self.name_at[child.i] < 0 and child.i not in self.roles:
                        for g in child.children:
                            if g.dep_ in ("amod", "nmod", "compound") and (
                                    g.i in self.adj_demonym or self.name_at[g.i] >= 0):
                                out.append((g.i, g.i))
        out.sort(key=lambda p: abs(p[0] - span.head))
        return out

    def _owner_case(self, tok: Token) -> bool:
        cases = [c for c in tok.children if c.dep_ == "case"]
        return not cases or any(c.lower_ in lx.OWNER_CASES for c in cases)

    def _owner_actor(self, i: int, depth: int) -> Actor | None:
        if i in self.adj_demonym:
            return self._country_actor(self.adj_demonym[i], self.doc[i].text)
        idx = self.name_at[i]
        if idx >= 0:
            return self.names[idx].actor
        if i in self.roles and depth < _MAX_COMPOSE_DEPTH:
            sub = self.roles[i]
            if sub.actor is not None:
                return sub.actor
            return self._compose(i, depth + 1)[0]
        return None

    def _demonym_state(self, tok: Token) -> str | None:
        """The state a demonym token names, as an adjective or as a noun (« danois »)."""
        if tok.i in self.adj_demonym:
            return str(self.adj_demonym[tok.i])
        idx = self.name_at[tok.i]
        span = self.names[idx] if idx >= 0 else None
        if span is not None and span.kind == "demonym" and span.actor is not None:
            country: str | None = span.actor.country
            return country
        return None

