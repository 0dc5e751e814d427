package warp

import "slices"

// report emits every entry of a chain not yet reported on this line. Lines
// hit rarely and then by few entries, so a short array does; a line stuffed
// with indicators moves on to a map so it cannot go quadratic.
func (st *lineState) report(head int32, s, e int) {
	for i := head; i >= 0; i = st.m.next[i] {
		if st.more != nil {
			if st.more[i] {
				continue
			}
			st.more[i] = true
		} else {
			if slices.Contains(st.found[:st.nfound], i) {
				continue
			}
			if st.nfound < len(st.found) {
				st.found[st.nfound] = i
				st.nfound++
			} else {
				st.more = make(map[int32]bool, 4*len(st.found))
				for _, j := range st.found {
					st.more[j] = true
				}
				st.more[i] = true
			}
		}
		en := &st.m.entries[i]
		st.emit(Hit{Line: st.no, EntryID: en.ID, Indicator: en.Indicator, Seen: string(st.line[s:e])})
	}
}

// email looks up the address whose domain is the unit [us, ue) after the
// '@' at at. The local part may itself follow an escape ("\u003calice@…"
// from a Go JSON encoder, "%3Calice@…" in a URL), so it is also tried
// without one.
func (st *lineState) email(at, us, ue int) {
	line := st.line
	for us < ue && line[us] == '.' {
		us++
	}
	for ue > us && line[ue-1] == '.' {
		ue--
	}
	l := at
	for l > 0 && cls[line[l-1]]&cLocal != 0 {
		l--
	}
	if l == at || ue == us {
		return
	}
	st.emailFrom(l, at, us, ue)
	if at-l > 3 && line[l] == '%' && cls[line[l+1]]&cHex != 0 && cls[line[l+2]]&cHex != 0 {
		st.emailFrom(l+3, at, us, ue)
	} else if k := escapeTail(line, l, at); k > 0 {
		st.emailFrom(l+k, at, us, ue)
	}
}

func (st *lineState) emailFrom(l, at, us, ue int) {
	if (at-l)+1+(ue-us) > len(st.name) {
		return
	}
	b := st.name[:0]
	for _, c := range st.line[l:at] {
		b = append(b, lower[c])
	}
	b = append(b, '@')
	for _, c := range st.line[us:ue] {
		b = append(b, lower[c])
	}
	if head, ok := st.m.emails[string(b)]; ok {
		st.report(head, l, ue)
	}
}
