/*
 * The KVM probe guest (harness/kvm.py builds it with the host's gcc/as on every run): a flat
 * 32-bit multiboot kernel, loaded by QEMU's -kernel through the a.out-kludge header below.
 * It reads the TSC, runs a loop of a known number of instructions, reads the TSC again, prints
 *   kvm-probe: instructions <hex> tsc <hex> <hex>
 * on COM1 and exits through isa-debug-exit. kvm.py compares cycles with instructions.
 */
        .set MULTIBOOT_MAGIC, 0x1badb002
        .set MULTIBOOT_AOUT_KLUDGE, 0x00010000
        .set COM1, 0x3f8
        .set COM1_LINE_STATUS, COM1 + 5
        .set LINE_STATUS_THR_EMPTY, 0x20
        .set DEBUG_EXIT_PORT, 0xf4
        .set STACK_TOP, 0x90000
        .set LOOP_ITERATIONS, 1000000
        .set INSTRUCTIONS_PER_ITERATION, 2   /* dec, jnz */

        .code32
        .text
        .globl _start
_start:
multiboot_header:
        .long MULTIBOOT_MAGIC
        .long MULTIBOOT_AOUT_KLUDGE
        .long -(MULTIBOOT_MAGIC + MULTIBOOT_AOUT_KLUDGE)
        .long multiboot_header  /* header_addr */
        .long _start            /* load_addr: the file is loaded from its first byte */
        .long 0                 /* load_end_addr: the whole file */
        .long 0                 /* bss_end_addr: no bss */
        .long entry             /* entry_addr */

entry:
        cli
        mov     $STACK_TOP, %esp
        /* lfence keeps rdtsc from running ahead of, or behind, the loop. */
        lfence
        rdtsc
        lfence
        mov     %eax, %esi
        mov     %edx, %edi
        mov     $LOOP_ITERATIONS, %ecx
1:      dec     %ecx
        jnz     1b
        lfence
        rdtsc
        lfence
        push    %eax
        push    %edx

        mov     $label_instructions, %ebx
        call    put_string
        mov     $(LOOP_ITERATIONS * INSTRUCTIONS_PER_ITERATION), %eax
        call    put_hex32
        mov     $label_tsc, %ebx
        call    put_string
        mov     %edi, %eax
        call    put_hex32
        mov     %esi, %eax
        call    put_hex32
        mov     $' ', %al
        call    put_char
        pop     %eax            /* high half of the second reading */
        call    put_hex32
        pop     %eax
        call    put_hex32
        mov     $'\n', %al
        call    put_char

        mov     $0, %al
        out     %al, $DEBUG_EXIT_PORT
halt:   hlt
        jmp     halt

/* put_char: write %al to COM1 once the transmitter is empty. Clobbers %edx. */
put_char:
        push    %eax
        mov     $COM1_LINE_STATUS, %dx
2:      in      %dx, %al
        test    $LINE_STATUS_THR_EMPTY, %al
        jz      2b
        pop     %eax
        mov     $COM1, %dx
        out     %al, %dx
        ret

/* put_string: write the NUL-terminated string at %ebx. Clobbers %eax, %ebx, %edx. */
put_string:
        movb    (%ebx), %al
        test    %al, %al
        jz      3f
        call    put_char
        inc     %ebx
        jmp     put_string
3:      ret

/* put_hex32: write %eax as 8 hex digits. Clobbers %eax, %ecx, %edx. */
put_hex32:
        push    %ebx
        mov     %eax, %ebx
        mov     $8, %ecx
4:      rol     $4, %ebx
        mov     %ebx, %eax
        and     $0xf, %eax
        movb    hex_digits(%eax), %al
        call    put_char
        dec     %ecx
        jnz     4b
        pop     %ebx
        ret

hex_digits:
        .ascii  "0123456789abcdef"
label_instructions:
        .asciz  "kvm-probe: instructions "
label_tsc:
        .asciz  " tsc "
